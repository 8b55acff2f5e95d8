using Orleans.Storage;
using Truora.Grains.Access;
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
/// A member: identity, role and key for admins; status, capacity, groups and its conversation index for routing.
/// The routing methods interleave (groups and conversations call them while this member may be waiting on a
/// group), so every change is made before the first await and every write goes through one <see cref="StateWriter{T}"/>.
/// The agent's own conversation index is stored apart, in slices: an agent without a capacity limit can own
/// thousands of conversations, and each hand-off rewriting all of them was half of a hand-off's allocations.
/// </summary>
public sealed partial class MemberGrain : Grain, IMemberGrain, IAgentGrain, ITenantOwnedGrain
{
    private const int ClosedConversationsKept = 200;
    private const int ConversationSlices = 64;
    private static readonly GrainType ConversationSliceType = GrainType.Create("member-conversations");

    private readonly IPersistentState<MemberState> state;
    private readonly TimeProvider clock;
    private readonly StateWriter<MemberState> writer;
    private readonly ShutdownReach shutdown;
    private readonly ILogger<MemberGrain> logger;

    /// <summary>What the agent owns now, and its most recent closed conversations.</summary>
    private readonly SlicedIndex<AgentConversation> conversations;

    public MemberGrain(
        [PersistentState("member", GrainStorage.Name)] IPersistentState<MemberState> state,
        [FromKeyedServices(GrainStorage.Name)] IGrainStorage storage,
        [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
        ShutdownReach shutdown,
        ILogger<MemberGrain> logger)
    {
        this.state = state;
        this.clock = clock;
        this.shutdown = shutdown;
        this.logger = logger;
        writer = new StateWriter<MemberState>(state);
        conversations = new SlicedIndex<AgentConversation>(
            storage, "member-conversations", ConversationSliceType, this.GetPrimaryKeyString(), ConversationSlices, storageCallsAtOnce: 4);
    }

    private TenantId Tenant => new(EntityId.TenantOf(this.GetPrimaryKeyString())!);

    private string Id => EntityId.LocalIdOf(this.GetPrimaryKeyString());

    /// <summary>
    /// Read even without a member record: a member deleted and created again under the same id finds its cleared
    /// index (and the manifest's version, which its next write must name).
    /// </summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken) => conversations.LoadAsync();

    /// <summary>
    /// Activity times held back from the index's writes are stored before the activation goes. A slice changed
    /// meanwhile by another activation of this member (a silo's death can briefly leave two) cannot be written from
    /// here: what this one held back is an agent's list view, which the conversations' next publishes mend, and the
    /// activation is going anyway, so the conflict is logged, not thrown.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!shutdown.CanWriteState(reason))
        {
            return;
        }

        try
        {
            await conversations.SaveAsync();
        }
        catch (InconsistentStateException ex)
        {
            LogIndexConflict(logger, this.GetPrimaryKeyString(), ex.Message);
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
        await GrainFactory.Reference<IApiKeyGrain>(keyHash).GrantAsync(new Caller(Tenant, Id, member.Role));

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
        await GrainFactory.Reference<ITenantGrain>(Tenant.Value).IndexAsync(TenantIndex.Members, Id, present: true);
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
            await GrainFactory.Reference<IApiKeyGrain>(member.KeyHash).GrantAsync(new Caller(Tenant, Id, role));
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

        var member = state.State;
        await GrainFactory.Reference<IApiKeyGrain>(member.KeyHash).RevokeAsync();
        await Inbox().EndStreamsAsync(forgetEvents: false);
        foreach (var group in member.GroupIds.ToArray())
        {
            await GrainFactory.Reference<IGroupRoutingGrain>(EntityId.Key(Tenant, group)).RemoveMemberAsync(Id);
        }

        member.GroupIds.Clear();
        await HandOpenConversationsBackToRoutingAsync();
        conversations.Clear();
        await conversations.SaveAsync();
        await GrainFactory.Reference<ITenantGrain>(Tenant.Value).IndexAsync(TenantIndex.Members, Id, present: false);
        await writer.WriteAsync();
        await state.ClearStateAsync();
        state.State = new MemberState();
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
        await GrainFactory.Reference<IApiKeyGrain>(keyHash).GrantAsync(new Caller(Tenant, Id, state.State.Role));
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
            Id, member.Name, member.Email, member.Role, member.Status, member.StatusChangedAt,
            new NotificationSettings(member.Notifications, member.Sound), member.MaxOpenConversations, [.. member.GroupIds]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Member {MemberKey}'s conversation index was changed by another activation; this one's held-back changes are dropped: {Reason}")]
    private static partial void LogIndexConflict(ILogger logger, string memberKey, string reason);
}
