namespace Truora.Grains.Conversations.Records;

/// <summary>What a conversation activates with: its latest messages (oldest first) and its row.</summary>
[GenerateSerializer, Immutable, Alias("Truora.ConversationTail")]
public sealed record ConversationTail(
    [property: Id(0)] IReadOnlyList<StoredMessage> Recent,
    [property: Id(1)] ConversationRow? Row)
{
    public static ConversationTail Empty { get; } = new([], null);

    public int NextSequence => Recent.Count == 0 ? 0 : Recent[^1].Sequence + 1;
}
