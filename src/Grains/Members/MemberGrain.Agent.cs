using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Members;

/// <summary>The member as routing sees it: taking and releasing conversations, capacity, groups, its own index.</summary>
public sealed partial class MemberGrain
{
    /// <summary>A deleted member's open conversations go back to their groups' rotation.</summary>
    private async Task HandOpenConversationsBackToRoutingAsync()
    {
        var open = conversations.Values.Where(IsOpen).Select(entry => entry.ConversationId).ToArray();
        foreach (var conversation in open)
        {
            conversations.Remove(conversation, out _);
            await GrainFactory.Reference<IConversationRoutingGrain>(EntityId.Key(Tenant, conversation)).ReturnToRoutingAsync(Id);
        }
    }

    public async Task<AgentTake> TryTakeAsync(string conversationId, bool requireAvailable, bool respectCapacity)
    {
        if (!state.RecordExists)
        {
            return AgentTake.Refused;
        }

        var member = state.State;
        if (conversations.TryGetValue(conversationId, out var existing) && IsOpen(existing))
        {
            return AgentTake.AlreadyOwned;
        }

        if ((requireAvailable && member.Status is not AgentStatus.Available)
            || (respectCapacity && member.MaxOpenConversations is { } limit && OpenCount() >= limit))
        {
            return AgentTake.Refused;
        }

        conversations.Set(conversationId, new AgentConversation(conversationId, ConversationStatus.Assigned, clock.GetUtcNow()));
        await conversations.SaveAsync();
        return AgentTake.Taken;
    }

    public async Task TrackAsync(AgentConversation conversation)
    {
        if (!state.RecordExists || !conversations.TryGetValue(conversation.ConversationId, out var known) || known == conversation)
        {
            return;
        }

        conversations.Set(conversation.ConversationId, conversation);
        if (known.Status == conversation.Status)
        {
            // Only the activity time moved: it orders the trimming of closed entries and nothing else, so it is
            // stored with the index's next save (or on deactivation) rather than costing a write per message.
            return;
        }

        var freed = IsOpen(known) && !IsOpen(conversation);
        if (freed)
        {
            TrimClosed();
        }

        await conversations.SaveAsync();
        if (freed)
        {
            await OfferCapacityToGroupsAsync();
        }
    }

    public async Task ReleaseAsync(string conversationId)
    {
        if (conversations.Remove(conversationId, out var released))
        {
            await conversations.SaveAsync();
            if (IsOpen(released))
            {
                await OfferCapacityToGroupsAsync();
            }
        }
    }

    public async Task<bool> SetGroupAsync(string groupId, bool member)
    {
        if (!state.RecordExists)
        {
            return false;
        }

        if (member ? state.State.GroupIds.Add(groupId) : state.State.GroupIds.Remove(groupId))
        {
            await writer.WriteAsync();
        }

        return true;
    }

    public Task<IReadOnlyList<AgentConversation>> ListConversationsAsync() =>
        Task.FromResult<IReadOnlyList<AgentConversation>>([.. conversations.Values]);

    public Task<IReadOnlyList<string>> ListGroupsAsync() =>
        Task.FromResult<IReadOnlyList<string>>(state.RecordExists ? [.. state.State.GroupIds] : []);

    /// <summary>Wakes the groups' waiting queues: this agent can take more now.</summary>
    private async Task OfferCapacityToGroupsAsync()
    {
        foreach (var group in state.State.GroupIds.ToArray())
        {
            await GrainFactory.Reference<IGroupRoutingGrain>(EntityId.Key(Tenant, group)).AgentFreedAsync(Id);
        }
    }

    private int OpenCount()
    {
        var count = 0;
        foreach (var entry in conversations.Values)
        {
            if (IsOpen(entry))
            {
                count++;
            }
        }

        return count;
    }

    private void TrimClosed()
    {
        var closed = conversations.Values.Where(entry => !IsOpen(entry)).ToList();
        if (closed.Count <= ClosedConversationsKept)
        {
            return;
        }

        foreach (var stale in closed.OrderBy(entry => entry.LastActivityAt).Take(closed.Count - ClosedConversationsKept))
        {
            conversations.Remove(stale.ConversationId, out _);
        }
    }

    private static bool IsOpen(AgentConversation entry) => entry.Status is ConversationStatus.Waiting or ConversationStatus.Assigned;
}
