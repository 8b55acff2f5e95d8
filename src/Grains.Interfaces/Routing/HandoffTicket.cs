namespace Truora.Grains.Interfaces.Routing;

/// <summary>
/// A conversation asking its group for an owner: by the rotation <see cref="Mode"/>, or first the named
/// <see cref="AgentId"/> (mode <c>specific</c>, or the agent whose template reopened a finished chat).
/// </summary>
[GenerateSerializer, Immutable, Alias("Truora.HandoffTicket")]
public sealed record HandoffTicket(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] RotationMode Mode,
    [property: Id(2)] DateTimeOffset WaitingSince,
    [property: Id(3)] string? AgentId = null);
