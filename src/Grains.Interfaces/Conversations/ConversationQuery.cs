using Truora.Grains.Interfaces.Access;

namespace Truora.Grains.Interfaces.Conversations;

/// <summary>One page request; <paramref name="Statuses"/> empty means every status.</summary>
[GenerateSerializer, Immutable, Alias("Truora.ConversationQuery")]
public sealed record ConversationQuery(
    [property: Id(0)] Caller Caller,
    [property: Id(1)] ConversationView View,
    [property: Id(2)] IReadOnlyList<ConversationStatus> Statuses,
    [property: Id(3)] int Limit,
    [property: Id(4)] string? Cursor);
