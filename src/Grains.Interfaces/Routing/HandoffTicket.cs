namespace Truora.Grains.Interfaces.Routing;

/// <summary>A conversation asking its group for an owner.</summary>
[GenerateSerializer, Immutable, Alias("Truora.HandoffTicket")]
public sealed record HandoffTicket(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] RotationMode Mode,
    [property: Id(2)] DateTimeOffset WaitingSince);
