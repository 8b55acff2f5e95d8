using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;

namespace Truora.Grains.Interfaces.Routing;

/// <summary>
/// A conversation asking its group for an owner: by the rotation <see cref="Mode"/>, or first the named
/// <see cref="AgentId"/> (mode <c>specific</c>, or the agent whose template reopened a finished chat).
/// </summary>
/// <remarks>
/// Groups keep their waiting tickets in stored state, written when the ids were strings: the ids stay strings on the
/// wire (same <c>[Id]</c>s, same types), so those tickets are read as before, and are typed only in code.
/// </remarks>
[GenerateSerializer, Immutable, Alias("Truora.HandoffTicket")]
public sealed record HandoffTicket
{
    [Id(0)] private readonly string conversationId;
    [Id(3)] private readonly string? agentId;

    public HandoffTicket(ConversationId conversationId, RotationMode mode, DateTimeOffset waitingSince, AgentId? agentId = null)
    {
        this.conversationId = conversationId.Value;
        Mode = mode;
        WaitingSince = waitingSince;
        this.agentId = agentId?.Value;
    }

    public ConversationId ConversationId
    {
        get => new(conversationId);
        init => conversationId = value.Value;
    }

    [Id(1)] public RotationMode Mode { get; init; }

    [Id(2)] public DateTimeOffset WaitingSince { get; init; }

    public AgentId? AgentId
    {
        get => agentId is null ? null : new AgentId(agentId);
        init => agentId = value?.Value;
    }
}
