namespace Truora.Grains.Interfaces.Conversations;

[GenerateSerializer, Immutable, Alias("Truora.ConversationDetails")]
public sealed record ConversationDetails(
    [property: Id(0)] ConversationSummary Summary,
    [property: Id(1)] IReadOnlyList<HistoryEntry> History,
    [property: Id(2)] IReadOnlyDictionary<string, string> Variables);
