using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Truora.Grains.Tests.Tenants;
using Truora.Silo.Storage;

namespace Truora.Grains.Tests.Conversations;

/// <summary>
/// A 2-silo cluster whose domain rules (window, cooldown ladder, expiry) read one fake clock that the tests move.
/// Orleans' own loops keep the real clock, so membership and reminders never stall.
/// </summary>
public sealed class FakeClockCluster : IAsyncLifetime
{
    public static DateTimeOffset Start { get; } = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public DateTimeOffset Now => Clock.GetUtcNow();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
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

    public Task<TenantScope> NewTenantAsync() => Cluster.Client.NewTenantAsync();
}
