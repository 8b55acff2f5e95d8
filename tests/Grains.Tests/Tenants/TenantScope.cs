using System.Globalization;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.Tenants;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Tests.Tenants;

/// <summary>
/// One tenant of a test cluster (made by <see cref="ClusterTenants.NewTenantAsync"/>): its grains, callers, and
/// shortcuts for its members, groups and hand-offs.
/// </summary>
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

    /// <summary>Agents <c>a0</c>, <c>a1</c>… in <paramref name="status"/>, with at most <paramref name="capacity"/> open conversations each.</summary>
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

    /// <summary>A new group of <paramref name="members"/>, in rotation order; returns its id.</summary>
    public async Task<string> GroupAsync(params string[] members)
    {
        var id = $"g{Guid.NewGuid():N}"[..12];
        var change = await Group(id).CreateAsync("Support", members);
        Assert.NotNull(change.Group);
        return id;
    }

    /// <summary>
    /// Opens a conversation for a new contact as a flow's connect_agent block would, with the variable
    /// <c>document</c> = <c>123</c> and the user's last message written <paramref name="at"/> (now unless given);
    /// returns its summary after routing.
    /// </summary>
    public Task<ConversationSummary> HandOffAsync(
        RotationMode mode, string? group = null, string? agent = null, DateTimeOffset? at = null, TimeSpan? expiresAfter = null)
    {
        var id = "c" + Guid.NewGuid().ToString("N");
        var phone = "573" + Random.Shared.NextInt64(1_000_000_000, 10_000_000_000).ToString(CultureInfo.InvariantCulture);
        var lastUserMessageAt = at ?? DateTimeOffset.UtcNow;
        return ConversationRouting(id).OpenAsync(new ConversationOpening(
            ContactId.Parse(phone), "User", mode,
            group is null ? null : GroupId.Parse(group),
            agent is null ? null : AgentId.Parse(agent),
            expiresAfter,
            [new HistoryEntry(HistorySender.User, "I need help", lastUserMessageAt)],
            new Dictionary<string, string> { ["document"] = "123" }, lastUserMessageAt));
    }

    /// <summary>The user writes again, Meta stamping the message <paramref name="timestamp"/>.</summary>
    public Task<bool> UserWritesAsync(ConversationSummary conversation, DateTimeOffset timestamp) =>
        ConversationRouting(conversation.Id).AppendUserMessageAsync(new InboundMessage(
            "wamid." + Guid.NewGuid().ToString("N"), conversation.ContactPhone, "User", timestamp, "Are you there?", InboundMessageKinds.Text));

    public async Task<ConversationSummary> SummaryAsync(string id) =>
        await ConversationRouting(id).GetSummaryAsync() ?? throw new InvalidOperationException($"There is no conversation '{id}'.");

    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id) =>
        (await Conversation(id).GetAsync(Admin) ?? throw new InvalidOperationException($"There is no conversation '{id}'.")).History;

    /// <summary>How many conversations <paramref name="agent"/> holds waiting or assigned.</summary>
    public async Task<int> OpenCountAsync(string agent) =>
        (await Agent(agent).ListConversationsAsync()).Count(c => c.Status is ConversationStatus.Assigned or ConversationStatus.Waiting);
}
