using Orleans.TestingHost;
using Truora.Grains.Access;
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

    [Fact]
    public async Task AGrainReachesItsOwnTenantsGrainsWithoutTheCallersContext()
    {
        var tenant = await TenantWithAnaAsync("a");
        TenantContext.Enter(tenant);

        // The guard takes the tenant out of the relay's context; its call is let in by the relay's own key.
        var relay = cluster.Client.GetGrain<IRelayGrain>(EntityId.Key(tenant, "relay"));
        Assert.Equal("Ana", await relay.MemberNameAsync(EntityId.Key(tenant, "ana"), claimTenant: null));
    }

    [Fact]
    public async Task AGrainCannotReachAnotherTenantEvenByClaimingItInTheContext()
    {
        var victim = await TenantWithAnaAsync("v");

        var attacker = new TenantId($"x{Guid.NewGuid():N}"[..12]);
        TenantContext.Enter(attacker);
        var relay = cluster.Client.GetGrain<IRelayGrain>(EntityId.Key(attacker, "relay"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => relay.MemberNameAsync(EntityId.Key(victim, "ana"), claimTenant: null));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => relay.MemberNameAsync(EntityId.Key(victim, "ana"), claimTenant: victim.Value));
    }

    /// <summary>
    /// A new tenant with the agent "ana". The tenant it enters in the request context stays inside this async
    /// method: a caller that needs it enters it again.
    /// </summary>
    private async Task<TenantId> TenantWithAnaAsync(string prefix)
    {
        var tenant = new TenantId($"{prefix}{Guid.NewGuid():N}"[..12]);
        TenantContext.Enter(tenant);
        await cluster.Client.GetGrain<IMemberGrain>(EntityId.Key(tenant, "ana"))
            .CreateAsync(new NewMember("Ana", "ana@example.com", MemberRole.AgentRole));
        return tenant;
    }
}

/// <summary>A tenant-owned grain that calls a member by any key, to test the guard between grains.</summary>
[Alias("Truora.Tests.IRelayGrain")]
public interface IRelayGrain : IGrainWithStringKey
{
    [Alias("MemberName")] Task<string?> MemberNameAsync(string memberKey, string? claimTenant);
}

public sealed class RelayGrain : Grain, IRelayGrain, ITenantOwnedGrain
{
    public async Task<string?> MemberNameAsync(string memberKey, string? claimTenant)
    {
        if (claimTenant is not null)
        {
            TenantContext.Enter(new TenantId(claimTenant));
        }

        return (await GrainFactory.GetGrain<IMemberGrain>(memberKey).GetAsync())?.Name;
    }
}
