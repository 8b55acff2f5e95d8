using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Truora.Grains.Conversations.Records;
using Truora.Grains.Storage;
using Truora.Grains.Tests.Flows.Runtime;
using Truora.Grains.Tests.Tenants;
using Truora.Silo.Storage;

namespace Truora.Grains.Tests.Faults;

/// <summary>
/// One silo whose grain storage and conversation records (memory) can be taken down and brought back by a test; its flows read the real clock.
/// The tests in its collection run one at a time, since an outage is the whole silo's.
/// </summary>
public sealed class OutageCluster : IAsyncLifetime
{
    public StorageOutage Outage { get; } = new();

    /// <summary>Takes down the conversation records alone, the grain storage beside them staying up.</summary>
    public StorageOutage RecordsOutage { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Truora:WhatsApp:AllowedGraphOrigins"] = FlowRuntimeCluster.NowhereGraphApi,
        }));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTruoraPersistence(StorageSettings.Memory, silo.Configuration).AddTruoraGrains();
            foreach (var name in new[] { GrainStorage.Name, GrainStorage.PerMessage })
            {
                silo.Services.AddKeyedSingleton<IGrainStorage>(name, (services, key) =>
                    new UnreachableWhenDownStorage(MemoryGrainStorageFactory.Create(services, (string)key!), Outage));
            }

            silo.Services.AddSingleton<IConversationRecords>(services =>
                new UnreachableWhenDownRecords(
                    new UnreachableWhenDownRecords(new MemoryConversationRecords(services.GetRequiredService<IGrainFactory>()), RecordsOutage), Outage));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    public Task<TenantScope> NewTenantAsync() => Cluster.Client.NewTenantAsync();
}

[CollectionDefinition(Name)]
public sealed class OutageCollection : ICollectionFixture<OutageCluster>
{
    public const string Name = "storage outage";
}
