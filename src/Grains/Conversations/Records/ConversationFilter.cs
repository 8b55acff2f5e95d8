using Truora.Grains.Interfaces.Conversations;

namespace Truora.Grains.Conversations.Records;

/// <summary>
/// A list page's question, newest activity first then id: each criterion left null (or empty) matches everything.
/// </summary>
[GenerateSerializer, Immutable, Alias("Truora.ConversationFilter")]
public sealed record ConversationFilter(
    [property: Id(0)] string? OwnerId,
    [property: Id(1)] IReadOnlyList<string>? GroupIds,
    [property: Id(2)] DateTimeOffset? OpenedSince,
    [property: Id(3)] IReadOnlyList<ConversationStatus> Statuses,
    [property: Id(4)] ListCursor? After,
    [property: Id(5)] int Limit,
    [property: Id(6)] DateTimeOffset? OwnedSince = null);
