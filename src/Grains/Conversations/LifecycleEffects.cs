using Truora.Grains.Interfaces.Members;

namespace Truora.Grains.Conversations;

/// <summary>
/// What a move of <see cref="ConversationLifecycle"/> leaves for the grain to carry out once the change is stored:
/// history notes, agent events, and the figures the metrics count.
/// </summary>
public sealed class LifecycleEffects
{
    /// <summary>System entries for the history, in order.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Agent events: the member told, and the event's type.</summary>
    public List<(AgentId AgentId, string Type)> Notices { get; } = [];

    /// <summary>Set when the conversation got its first owner: how long it waited for one.</summary>
    public TimeSpan? FirstAssignmentAfter { get; set; }

    /// <summary>Set when the conversation stopped being open.</summary>
    public bool Ended { get; set; }
}
