using Truora.Grains.Access;
using Truora.Grains.Conversations.Records;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Events;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.Tenants;
using Truora.Grains.Storage;

namespace Truora.Grains.Members;

/// <summary>
/// A member: identity, role and key for admins; status, capacity, groups and the open conversations it owns for routing.
/// Most routing methods interleave (<see cref="IAgentGrain"/> says why), so every change is made before the first
/// await and every write goes through one <see cref="StateWriter{T}"/>.
/// What the agent owns is not written here: each conversation's row names its owner, and an activation reads its
/// open ones back from the rows (<see cref="ConversationStore"/>), so a hand-off costs the member no write at all.
/// </summary>
public sealed partial class MemberGrain : Grain, IMemberGrain, IAgentGrain, ITenantOwnedGrain
{
    private static readonly ConversationStatus[] OpenStatuses = [ConversationStatus.Waiting, ConversationStatus.Assigned];

    private readonly IPersistentState<MemberState> state;
    private readonly TimeProvider clock;
    private readonly StateWriter<MemberState> writer;
    private readonly ConversationStore store;

    /// <summary>The open conversations the agent owns, by id: what its capacity is counted in.</summary>
    private readonly Dictionary<ConversationId, AgentConversation> open = [];

    /// <summary>Set while a deletion runs: the member takes nothing meanwhile.</summary>
    private bool deleting;

    public MemberGrain(
        [PersistentState("member", GrainStorage.Name)] IPersistentState<MemberState> state,
        ConversationStore store,
        [FromKeyedServices(DomainClock.Key)] TimeProvider clock)
    {
        this.state = state;
        this.store = store;
        this.clock = clock;
        writer = new StateWriter<MemberState>(state);
    }

    private TenantId Tenant => new(EntityId.TenantOf(this.GetPrimaryKeyString())!);

    private AgentId? id;

    private AgentId Id => id ??= AgentId.Parse(EntityId.LocalIdOf(this.GetPrimaryKeyString()));

    /// <summary>
    /// The open conversations whose rows name this member as owner since it was created: a member deleted and
    /// created again under the same id does not inherit what its namesake held.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            return;
        }

        var owned = await store.ListAsync(Tenant.Value,
            new ConversationFilter(Id.Value, null, null, OpenStatuses, null, int.MaxValue) { OwnedSince = DomainClock.ToStoredPrecision(state.State.CreatedAt) });
        foreach (var conversation in owned)
        {
            var conversationId = ConversationId.Parse(conversation.Id);
            open[conversationId] = new AgentConversation(conversationId, conversation.Status, conversation.LastMessageAt);
        }
    }

    public async Task<string?> CreateAsync(NewMember member)
    {
        if (state.RecordExists)
        {
            return null;
        }

        // A member of this id that was deleted may have had events published to it since (a conversation it owned
        // moving on): none of them is the new member's to replay.
        await Inbox().EndStreamsAsync(forgetEvents: true);
        var key = ApiKeys.New(ApiKeyFormat.MemberPrefix);
        var keyHash = ApiKeyHash.Of(key);
        await GrainFactory.Reference<IApiKeyGrain>(keyHash).GrantAsync(new Caller(Tenant, Id.Value, member.Role));

        var now = clock.GetUtcNow();
        state.State = new MemberState
        {
            Name = member.Name,
            Email = member.Email,
            Role = member.Role,
            Status = AgentStatus.Unavailable,
            StatusChangedAt = now,
            KeyHash = keyHash,
            CreatedAt = now,
        };
        await writer.WriteAsync();
        await GrainFactory.Reference<ITenantGrain>(Tenant.Value).IndexAsync(TenantIndex.Members, Id.Value, present: true);
        return key;
    }

    public Task<MemberDetails?> GetAsync() => Task.FromResult(Details());

    public async Task<MemberDetails?> UpdateAsync(MemberPatch patch)
    {
        if (!state.RecordExists)
        {
            return null;
        }

        var member = state.State;
        member.Name = patch.Name ?? member.Name;
        member.Email = patch.Email ?? member.Email;
        if (patch.SetsMaxOpenConversations)
        {
            member.MaxOpenConversations = patch.MaxOpenConversations;
        }

        if (patch.Role is { } role && role != member.Role)
        {
            member.Role = role;
            await GrainFactory.Reference<IApiKeyGrain>(member.KeyHash).GrantAsync(new Caller(Tenant, Id.Value, role));
        }

        await writer.WriteAsync();
        return Details();
    }

    public async Task<bool> DeleteAsync()
    {
        if (!state.RecordExists)
        {
            return false;
        }

        // While it runs the member takes no conversation: one taken while the deletion waits below would never go
        // back to routing. A deletion that fails is the admin's to retry; until then the member takes again.
        deleting = true;
        try
        {
            var member = state.State;
            await GrainFactory.Reference<IApiKeyGrain>(member.KeyHash).RevokeAsync();
            await Inbox().EndStreamsAsync(forgetEvents: false);
            foreach (var group in member.GroupIds.ToArray())
            {
                await Group(GroupId.Parse(group)).RemoveMemberAsync(Id);
            }

            member.GroupIds.Clear();
            await HandOpenConversationsBackToRoutingAsync();
            await GrainFactory.Reference<ITenantGrain>(Tenant.Value).IndexAsync(TenantIndex.Members, Id.Value, present: false);
            await writer.WriteAsync();
            await state.ClearStateAsync();
            state.State = new MemberState();
        }
        finally
        {
            deleting = false;
        }

        // Last: leaving the groups and handing conversations back published events to this inbox meanwhile.
        await Inbox().EndStreamsAsync(forgetEvents: true);
        return true;
    }

    public async Task<string?> RotateKeyAsync()
    {
        if (!state.RecordExists)
        {
            return null;
        }

        var key = ApiKeys.New(ApiKeyFormat.MemberPrefix);
        var keyHash = ApiKeyHash.Of(key);
        var oldHash = state.State.KeyHash;
        await GrainFactory.Reference<IApiKeyGrain>(keyHash).GrantAsync(new Caller(Tenant, Id.Value, state.State.Role));
        state.State.KeyHash = keyHash;
        await writer.WriteAsync();
        await GrainFactory.Reference<IApiKeyGrain>(oldHash).RevokeAsync();
        // Every stream ends, those already opened with the new key too: a stream cannot tell which key it came with,
        // and a client reconnects in a moment.
        await Inbox().EndStreamsAsync(forgetEvents: false);
        return key;
    }

    public async Task<MemberDetails?> SetStatusAsync(AgentStatus status)
    {
        if (!state.RecordExists)
        {
            return null;
        }

        if (state.State.Status != status)
        {
            state.State.Status = status;
            state.State.StatusChangedAt = clock.GetUtcNow();
            await writer.WriteAsync();
            if (status is AgentStatus.Available)
            {
                await OfferCapacityToGroupsAsync();
            }
        }

        return Details();
    }

    public async Task<MemberDetails?> SetNotificationSettingsAsync(NotificationSettings settings)
    {
        if (!state.RecordExists)
        {
            return null;
        }

        state.State.Notifications = settings.Notifications;
        state.State.Sound = settings.Sound;
        await writer.WriteAsync();
        await Inbox().SetSettingsAsync(settings);
        return Details();
    }

    private IAgentInboxGrain Inbox() => GrainFactory.Reference<IAgentInboxGrain>(this.GetPrimaryKeyString());

    private MemberDetails? Details()
    {
        if (!state.RecordExists)
        {
            return null;
        }

        var member = state.State;
        return new MemberDetails(
            Id.Value, member.Name, member.Email, member.Role, member.Status, member.StatusChangedAt,
            new NotificationSettings(member.Notifications, member.Sound), member.MaxOpenConversations, [.. member.GroupIds]);
    }
}
