using Orleans.TestingHost;
using Truora.Silo.Storage;

namespace Truora.Grains.Tests.Storage;

public sealed class MemoryStorageTests : IAsyncLifetime
{
    private InProcessTestCluster cluster = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureSilo((_, silo) => silo.AddTruoraPersistence(StorageSettings.Memory, silo.Configuration));
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task StateSurvivesDeactivation()
    {
        var probe = cluster.Client.GetGrain<IProbeGrain>($"t1/{Guid.NewGuid():N}");
        await probe.SetAsync("kept");
        var before = await probe.GetAsync();

        await cluster.DeactivateAsync(probe);
        var after = await probe.GetAsync();

        Assert.NotEqual(before.Activation, after.Activation);
        Assert.Equal("kept", after.Value);
    }
}
