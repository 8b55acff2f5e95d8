using Truora.Grains.Interfaces.Conversations;

namespace Truora.Grains.Interfaces.Routing;

/// <summary>
/// A member as routing sees it (the same activation as the member grain): its capacity, groups and the
/// open conversations it owns. Taking, tracking, releasing, joining and the group list interleave: groups and
/// conversations call them from requests of their own while this member may itself be waiting on a group (its status
/// change draining the group's queue, its deletion leaving it) or on a conversation (sent back to routing).
/// </summary>
[Alias("Truora.IAgentGrain")]
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes the conversation if the agent exists and is <paramref name="eligibility"/>. Taking one it already owns
    /// says so, so a caller backing out releases only what it took.
    /// </summary>
    [AlwaysInterleave, Alias("Take")] Task<AgentTake> TryTakeAsync(ConversationId conversationId, Eligibility eligibility);

    /// <summary>Records the conversation's new status or activity; a closed or finished one frees capacity.</summary>
    [AlwaysInterleave, Alias("Track")] Task TrackAsync(AgentConversation conversation);

    /// <summary>
    /// The conversation is no longer this agent's (reassigned, or an offer that fell through). With
    /// <paramref name="offerToGroups"/> the agent's groups hear it can take more; a group giving back what its own
    /// drain took says no: it goes on offering to this agent itself, and waking groups from inside a drain would have
    /// two draining groups wait on each other.
    /// </summary>
    [AlwaysInterleave, Alias("Release")] Task ReleaseAsync(ConversationId conversationId, bool offerToGroups);

    /// <summary>Joins or leaves a group's rotation; false when the member does not exist.</summary>
    [AlwaysInterleave, Alias("SetGroup")] Task<bool> SetGroupAsync(GroupId groupId, bool member);

    /// <summary>The open conversations the agent owns: what its capacity counts.</summary>
    [ReadOnly, Alias("Conversations")] Task<IReadOnlyList<AgentConversation>> ListConversationsAsync();

    /// <summary>When the member was created, null if it does not exist: its lists begin there.</summary>
    [ReadOnly, Alias("Since")] Task<DateTimeOffset?> MemberSinceAsync();

    [AlwaysInterleave, Alias("Groups")] Task<IReadOnlyList<GroupId>> ListGroupsAsync();
}
