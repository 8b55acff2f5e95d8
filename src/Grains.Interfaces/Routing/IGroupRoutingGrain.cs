namespace Truora.Grains.Interfaces.Routing;

/// <summary>
/// The rotation and waiting queue of one group (the same activation as <see cref="IGroupGrain"/>).
/// Calls go one way: conversations and agents call the group; the group calls agents and conversations
/// only through methods that may interleave, so no two grains ever wait on each other.
/// </summary>
[Alias("Truora.IGroupRoutingGrain")]
public interface IGroupRoutingGrain : IGrainWithStringKey
{
    /// <summary>Picks an owner by rotation, or queues the conversation; returns the owner or null (waiting).</summary>
    [AlwaysInterleave, Alias("HandOff")] Task<string?> HandOffAsync(HandoffTicket ticket);

    /// <summary>An agent became available or freed capacity: hand it the oldest waiting conversations it can take.</summary>
    [Alias("AgentFreed")] Task AgentFreedAsync(string memberId);

    /// <summary>The conversation no longer waits here (claimed, assigned, closed).</summary>
    [Alias("Dequeue")] Task DequeueAsync(string conversationId);

    /// <summary>The member was deleted: it leaves the rotation.</summary>
    [Alias("RemoveMember")] Task RemoveMemberAsync(string memberId);

    /// <summary>Conversations waiting for an owner, oldest first.</summary>
    [Alias("ListWaiting")] Task<IReadOnlyList<string>> ListWaitingAsync();
}
