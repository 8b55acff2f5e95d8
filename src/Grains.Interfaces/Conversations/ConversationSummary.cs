namespace Truora.Grains.Interfaces.Conversations;

[GenerateSerializer, Immutable, Alias("Truora.ConversationSummary")]
public sealed record ConversationSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string ContactPhone,
    [property: Id(2)] string? ContactName,
    [property: Id(3)] ConversationStatus Status,
    [property: Id(4)] string? OwnerId,
    [property: Id(5)] string? GroupId,
    [property: Id(6)] DateTimeOffset OpenedAt,
    [property: Id(7)] DateTimeOffset ExpiresAt,
    [property: Id(8)] DateTimeOffset LastMessageAt,
    [property: Id(9)] ClosedReason? ClosedReason,
    [property: Id(10)] DateTimeOffset? ClosedAt);
