using Orleans.TestingHost;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Tenants;
using Truora.Silo.Storage;

namespace Truora.Grains.Tests;

/// <summary>The second line of tenant isolation: grains refuse calls made for another tenant.</summary>
public sealed class TenantGuardTests : IAsyncLifetime
{
    private InProcessTestCluster cluster = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureSilo((_, silo) => silo.AddTruoraPersistence(StorageSettings.Memory, silo.Configuration).AddTruoraGrains());
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task AMemberGrainServesItsOwnTenantAndRefusesEveryOther()
    {
        var owner = new TenantId($"a{Guid.NewGuid():N}"[..12]);
        var member = cluster.Client.GetGrain<IMemberGrain>(EntityId.Key(owner, "ana"));

        TenantContext.Enter(owner);
        Assert.NotNull(await member.CreateAsync(new NewMember("Ana", "ana@example.com", MemberRole.AgentRole)));

        TenantContext.Enter(new TenantId("intruder"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(member.GetAsync);

        RequestContext.Clear();
        await Assert.ThrowsAsync<UnauthorizedAccessException>(member.GetAsync);

        TenantContext.Enter(owner);
        Assert.Equal("Ana", (await member.GetAsync())?.Name);
    }
}
