using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Interfaces.Conversations;

/// <summary>
/// A hand-off from the flow: who the user is, where the chat goes, and everything the flow recorded so far.
/// <paramref name="PreferredOwnerId"/> is the member who sent the template that reopened a finished contact.
/// </summary>
[GenerateSerializer, Immutable, Alias("Truora.ConversationOpening")]
public sealed record ConversationOpening(
    [property: Id(0)] string ContactPhone,
    [property: Id(1)] string? ContactName,
    [property: Id(2)] RotationMode Mode,
    [property: Id(3)] string? GroupId,
    [property: Id(4)] string? AgentId,
    [property: Id(5)] TimeSpan? ExpiresAfter,
    [property: Id(6)] IReadOnlyList<HistoryEntry> Transcript,
    [property: Id(7)] IReadOnlyDictionary<string, string> Variables,
    [property: Id(8)] DateTimeOffset? LastUserMessageAt,
    [property: Id(9)] string? PreferredOwnerId = null);
