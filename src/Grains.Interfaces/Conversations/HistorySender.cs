namespace Truora.Grains.Interfaces.Conversations;

/// <summary>Who wrote a history entry: <c>user</c>, <c>bot</c>, <c>agent</c> or <c>system</c>.</summary>
public enum HistorySender
{
    User = 0,
    Bot = 1,
    Agent = 2,
    System = 3,
}
