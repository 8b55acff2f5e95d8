using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;

namespace Truora.Grains.Interfaces.Routing;

/// <summary>
/// The rotation and waiting queue of one group (the same activation as <see cref="IGroupGrain"/>). The group calls
/// agents and conversations only through their interleaving methods, and an agent its drain gives back does not call
/// it back (<see cref="IAgentGrain.ReleaseAsync"/>), so the group never waits on a grain that waits on it.
/// </summary>
[Alias("Truora.IGroupRoutingGrain")]
public interface IGroupRoutingGrain : IGrainWithStringKey
{
    /// <summary>
    /// Picks an owner (the named agent, else by rotation), or queues the conversation; returns the owner or null
    /// (waiting). Interleaves for throughput: every call it makes interleaves, so it cannot deadlock, but a busy group
    /// would otherwise hand off one agent round trip at a time.
    /// </summary>
    [AlwaysInterleave, Alias("HandOff")] Task<AgentId?> HandOffAsync(HandoffTicket ticket);

    /// <summary>An agent became available or freed capacity: hand it the oldest waiting conversations it can take.</summary>
    [Alias("AgentFreed")] Task AgentFreedAsync(AgentId agentId);

    /// <summary>The conversation no longer waits here (claimed, assigned, closed).</summary>
    [Alias("Dequeue")] Task DequeueAsync(ConversationId conversationId);

    /// <summary>The member was deleted: it leaves the rotation.</summary>
    [Alias("RemoveMember")] Task RemoveMemberAsync(AgentId agentId);

    /// <summary>Conversations waiting for an owner, oldest first.</summary>
    [Alias("ListWaiting")] Task<IReadOnlyList<ConversationId>> ListWaitingAsync();
}
