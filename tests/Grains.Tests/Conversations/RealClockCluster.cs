using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Truora.Grains.Tests.Tenants;
using Truora.Silo.Storage;

namespace Truora.Grains.Tests.Conversations;

/// <summary>A 2-silo cluster on the system clock, for expiry that must fire in real time.</summary>
public sealed class RealClockCluster : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The reminder's period: Orleans refuses reminder periods under its one-minute minimum.
            ["Truora:Conversations:ExpiryRetry"] = "00:01:00",
            // Quiet conversations let their history pages go within a second: the tests here read them back.
        }));
        builder.ConfigureSilo((_, silo) => silo.AddTruoraPersistence(StorageSettings.Memory, silo.Configuration).AddTruoraGrains());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    public Task<TenantScope> NewTenantAsync() => Client.NewTenantAsync();
}
