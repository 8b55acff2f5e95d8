namespace Truora.Grains.Interfaces.Conversations;

/// <summary>On the wire as <c>waiting</c>, <c>assigned</c>, <c>closed</c>, <c>finished</c>.</summary>
public enum ConversationStatus
{
    Waiting = 0,
    Assigned = 1,
    Closed = 2,
    Finished = 3,
}
