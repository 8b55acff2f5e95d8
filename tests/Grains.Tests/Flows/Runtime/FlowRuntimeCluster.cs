using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Truora.Grains.Tests.Tenants;
using Truora.Silo.Storage;

namespace Truora.Grains.Tests.Flows.Runtime;

/// <summary>
/// A 2-silo cluster whose flows read a fake clock the tests move, forward only. It starts on 2026-03-01, before
/// both of Madrid's 2026 clock changes, and is separate from the conversations' fake clock so these tests may jump
/// whole weeks or months without moving anyone else's time.
/// </summary>
public sealed class FlowRuntimeCluster : IAsyncLifetime
{
    /// <summary>Nothing listens here: every message to a user fails at once and harmlessly.</summary>
    public const string NowhereGraphApi = "http://127.0.0.1:9";

    public static DateTimeOffset Start { get; } = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public DateTimeOffset Now => Clock.GetUtcNow();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Failed sends are reported at once instead of after seconds of backoff per message.
            ["Truora:WhatsApp:RetryAttempts"] = "0",
            ["Truora:WhatsApp:AllowedGraphOrigins"] = NowhereGraphApi,
        }));
        builder.ConfigureSilo((_, silo) =>
        {
            // Before AddTruoraGrains, which only adds the system clock when no domain clock is registered.
            silo.Services.AddKeyedSingleton<TimeProvider>(DomainClock.Key, Clock);
            silo.AddTruoraPersistence(StorageSettings.Memory, silo.Configuration).AddTruoraGrains();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Moves the fake clock to <paramref name="instant"/>, which must not be in its past.</summary>
    public void MoveTo(DateTimeOffset instant) => Clock.SetUtcNow(instant);

    public Task<TenantScope> NewTenantAsync(string timeZone) => Cluster.Client.NewTenantAsync(timeZone);
}
