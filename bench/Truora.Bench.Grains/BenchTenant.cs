using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.Tenants;

namespace Truora.Bench.Grains;

/// <summary>
/// A fresh tenant with its available agents in one group, as the HTTP harness sets up: the conversations of a run
/// are handed off to that group's <c>available</c> rotation.
/// </summary>
internal sealed class BenchTenant
{
    public const string GroupId = "bench";

    private readonly IClusterClient client;

    private BenchTenant(IClusterClient client, TenantId tenant, IReadOnlyList<string> agents)
    {
        this.client = client;
        Tenant = tenant;
        Agents = agents;
    }

    public TenantId Tenant { get; }

    public IReadOnlyList<string> Agents { get; }

    /// <summary>
    /// Creates the tenant, <paramref name="agentCount"/> agents (available, no capacity limit) and their group.
    /// The caller's tenant context is set inside this async method, so it flows to these calls only.
    /// </summary>
    public static async Task<BenchTenant> CreateAsync(IClusterClient client, int agentCount)
    {
        var tenant = new TenantId($"bench-{Guid.NewGuid():N}"[..14]);
        TenantContext.Enter(tenant);
        if (await client.GetGrain<ITenantGrain>(tenant.Value).CreateAsync("Bench", "UTC") is null)
        {
            throw new InvalidOperationException($"Tenant {tenant} already exists.");
        }

        var agents = Enumerable.Range(0, agentCount).Select(i => $"a{i}").ToArray();
        foreach (var agent in agents)
        {
            var member = client.GetGrain<IMemberGrain>(EntityId.Key(tenant, agent));
            if (await member.CreateAsync(new NewMember(agent, $"{agent}@bench.example", MemberRole.AgentRole)) is null)
            {
                throw new InvalidOperationException($"Member {agent} already exists.");
            }

            await member.SetStatusAsync(AgentStatus.Available);
        }

        var change = await client.GetGrain<IGroupGrain>(EntityId.Key(tenant, GroupId)).CreateAsync("Bench", agents);
        if (change.Group is null)
        {
            throw new InvalidOperationException($"Group {GroupId} was refused (unknown members: {string.Join(", ", change.UnknownMemberIds)}).");
        }

        return new BenchTenant(client, tenant, agents);
    }

    /// <summary>
    /// Puts this tenant in Orleans' request context (an AsyncLocal) of the calling flow. Call it synchronously at the
    /// start of each worker: set inside an async method, it would not flow back out to the caller.
    /// </summary>
    public void Enter() => TenantContext.Enter(Tenant);

    public IConversationRoutingGrain Conversation(string id) =>
        client.GetGrain<IConversationRoutingGrain>(EntityId.Key(Tenant, id));
}
