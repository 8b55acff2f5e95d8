namespace Truora.Grains.Interfaces.Conversations;

/// <summary>The agent suite's lists: <c>mine</c>, <c>unassigned</c>, <c>all</c> (admins only).</summary>
public enum ConversationView
{
    Mine = 0,
    Unassigned = 1,
    All = 2,
}
