using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.Tenants;
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

    /// <summary>A fresh tenant whose calls this test makes from now on.</summary>
    public async Task<TenantScope> NewTenantAsync()
    {
        var tenant = new TenantId($"t{Guid.NewGuid():N}"[..16]);
        TenantContext.Enter(tenant);
        await Client.GetGrain<ITenantGrain>(tenant.Value).CreateAsync("Tenant", "America/Bogota");
        return new TenantScope(Client, tenant);
    }
}

/// <summary>Shortcuts for one tenant's members, groups and hand-offs.</summary>
public sealed class TenantScope(IClusterClient client, TenantId tenant)
{
    public TenantId Tenant => tenant;

    /// <summary>
    /// Puts this tenant in the request context of the calling test: set in a synchronous method, it stays in the
    /// caller's context (an async method's changes would not flow back out).
    /// </summary>
    public IClusterClient Enter()
    {
        TenantContext.Enter(tenant);
        return client;
    }

    public Caller Admin => new(tenant, null, MemberRole.Admin);

    public Caller AgentCaller(string member) => new(tenant, member, MemberRole.AgentRole);

    public IMemberGrain Member(string id) => Enter().GetGrain<IMemberGrain>(EntityId.Key(tenant, id));

    public IAgentGrain Agent(string id) => Enter().GetGrain<IAgentGrain>(EntityId.Key(tenant, id));

    public IGroupGrain Group(string id) => Enter().GetGrain<IGroupGrain>(EntityId.Key(tenant, id));

    public IGroupRoutingGrain GroupRouting(string id) => Enter().GetGrain<IGroupRoutingGrain>(EntityId.Key(tenant, id));

    public IConversationGrain Conversation(string id) => Enter().GetGrain<IConversationGrain>(EntityId.Key(tenant, id));

    public IConversationRoutingGrain ConversationRouting(string id) => Enter().GetGrain<IConversationRoutingGrain>(EntityId.Key(tenant, id));

    public async Task<string[]> AgentsAsync(int count, AgentStatus status = AgentStatus.Available, int? capacity = null)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"a{i}").ToArray();
        foreach (var id in ids)
        {
            await Member(id).CreateAsync(new NewMember(id, $"{id}@example.com", MemberRole.AgentRole));
            if (capacity is not null)
            {
                await Member(id).UpdateAsync(new MemberPatch(SetsMaxOpenConversations: true, MaxOpenConversations: capacity));
            }

            await Member(id).SetStatusAsync(status);
        }

        return ids;
    }

    public async Task<string> GroupAsync(params string[] members)
    {
        var id = $"g{Guid.NewGuid():N}"[..12];
        var change = await Group(id).CreateAsync("Support", members);
        Assert.NotNull(change.Group);
        return id;
    }

    /// <summary>Opens a conversation as a flow's connect_agent block would; returns its summary after routing.</summary>
    public Task<ConversationSummary> HandOffAsync(RotationMode mode, string? group, string? agent = null, string? id = null)
    {
        id ??= "c" + Guid.NewGuid().ToString("N");
        return ConversationRouting(id).OpenAsync(new ConversationOpening(
            $"57300{Random.Shared.Next(1000000, 9999999)}", "User", mode, group, agent, null,
            [new HistoryEntry(HistorySender.User, "I need help", DateTimeOffset.UtcNow)],
            new Dictionary<string, string> { ["document"] = "123" }, DateTimeOffset.UtcNow));
    }

    public async Task<int> OpenCountAsync(string agent) =>
        (await Agent(agent).ListConversationsAsync()).Count(c => c.Status is ConversationStatus.Assigned or ConversationStatus.Waiting);
}

[CollectionDefinition(Name)]
public sealed class RoutingCollection : ICollectionFixture<RoutingCluster>
{
    public const string Name = "routing";
}
