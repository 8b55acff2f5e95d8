namespace Truora.Grains.Interfaces.Events;

/// <summary>The event types of <c>GET /v1/me/events</c>, as the contract names them.</summary>
public static class AgentEventTypes
{
    public const string Assigned = "conversation.assigned";
    public const string Unassigned = "conversation.unassigned";
    public const string Waiting = "conversation.waiting";
    public const string MessageReceived = "message.received";
    public const string Closed = "conversation.closed";
    public const string Finished = "conversation.finished";
}
