using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Truora.Grains.Tests.Tenants;
using Truora.Silo.Storage;

namespace Truora.Grains.Tests.Routing;

/// <summary>A 3-silo cluster with the real grains on memory storage, shared by the routing tests.</summary>
public sealed class RoutingCluster : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 3);
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Truora:Routing:WaitingQueueSweep"] = "00:00:02",
        }));
        builder.ConfigureSilo((_, silo) => silo.AddTruoraPersistence(StorageSettings.Memory, silo.Configuration).AddTruoraGrains());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    public Task<TenantScope> NewTenantAsync() => Client.NewTenantAsync();
}

[CollectionDefinition(Name)]
public sealed class RoutingCollection : ICollectionFixture<RoutingCluster>
{
    public const string Name = "routing";
}
