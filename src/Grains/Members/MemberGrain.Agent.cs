using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Members;

/// <summary>The member as routing sees it: taking and releasing conversations, capacity, groups.</summary>
public sealed partial class MemberGrain
{
    /// <summary>A deleted member's open conversations go back to their groups' rotation.</summary>
    private async Task HandOpenConversationsBackToRoutingAsync()
    {
        var owned = open.Keys.ToArray();
        open.Clear();
        foreach (var conversation in owned)
        {
            await GrainFactory.Reference<IConversationRoutingGrain>(EntityId.Key(Tenant, conversation.Value)).ReturnToRoutingAsync(Id);
        }
    }

    /// <summary>
    /// Decided and answered in one turn, with nothing written: the conversation taken records its owner in its own
    /// state and row, which is what a later activation of this member counts again.
    /// </summary>
    public Task<AgentTake> TryTakeAsync(ConversationId conversationId, Eligibility eligibility)
    {
        if (!state.RecordExists || deleting)
        {
            return Task.FromResult(AgentTake.Refused);
        }

        if (open.ContainsKey(conversationId))
        {
            return Task.FromResult(AgentTake.AlreadyOwned);
        }

        var member = state.State;
        if (eligibility is Eligibility.Available
            && (member.Status is not AgentStatus.Available || (member.MaxOpenConversations is { } limit && open.Count >= limit)))
        {
            return Task.FromResult(AgentTake.Refused);
        }

        open[conversationId] = new AgentConversation(conversationId, ConversationStatus.Assigned, clock.GetUtcNow());
        return Task.FromResult(AgentTake.Taken);
    }

    /// <summary>
    /// News of a conversation this agent holds; one it does not hold (released meanwhile, a transfer overtaking an
    /// older publish) is not taken back by it.
    /// </summary>
    public async Task TrackAsync(AgentConversation conversation)
    {
        if (!state.RecordExists || !open.ContainsKey(conversation.ConversationId))
        {
            return;
        }

        if (conversation.Status is ConversationStatus.Waiting or ConversationStatus.Assigned)
        {
            open[conversation.ConversationId] = conversation;
        }
        else
        {
            open.Remove(conversation.ConversationId);
            await OfferCapacityToGroupsAsync();
        }
    }

    public async Task ReleaseAsync(ConversationId conversationId, bool offerToGroups)
    {
        if (open.Remove(conversationId) && offerToGroups)
        {
            await OfferCapacityToGroupsAsync();
        }
    }

    public async Task<bool> SetGroupAsync(GroupId groupId, bool member)
    {
        if (!state.RecordExists)
        {
            return false;
        }

        if (member ? state.State.GroupIds.Add(groupId.Value) : state.State.GroupIds.Remove(groupId.Value))
        {
            await writer.WriteAsync();
        }

        return true;
    }

    public Task<IReadOnlyList<AgentConversation>> ListConversationsAsync() =>
        Task.FromResult<IReadOnlyList<AgentConversation>>([.. open.Values]);

    public Task<DateTimeOffset?> MemberSinceAsync() =>
        Task.FromResult(state.RecordExists ? state.State.CreatedAt : (DateTimeOffset?)null);

    public Task<IReadOnlyList<GroupId>> ListGroupsAsync() =>
        Task.FromResult<IReadOnlyList<GroupId>>(state.RecordExists ? [.. state.State.GroupIds.Select(GroupId.Parse)] : []);

    /// <summary>Wakes the groups' waiting queues: this agent can take more now.</summary>
    private async Task OfferCapacityToGroupsAsync()
    {
        foreach (var group in state.State.GroupIds.ToArray())
        {
            await Group(GroupId.Parse(group)).AgentFreedAsync(Id);
        }
    }

    private IGroupRoutingGrain Group(GroupId groupId) => GrainFactory.Reference<IGroupRoutingGrain>(EntityId.Key(Tenant, groupId.Value));
}
