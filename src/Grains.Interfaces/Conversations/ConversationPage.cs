namespace Truora.Grains.Interfaces.Conversations;

[GenerateSerializer, Immutable, Alias("Truora.ConversationPage")]
public sealed record ConversationPage(
    [property: Id(0)] IReadOnlyList<ConversationSummary> Items,
    [property: Id(1)] string? NextCursor);
