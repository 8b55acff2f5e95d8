using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Conversations.Records;

/// <summary>
/// One line of a conversation's history as stored: its place in the conversation, and whether it was copied in
/// from the contact's log at the hand-off (a copy may repeat a message another conversation holds too).
/// </summary>
[GenerateSerializer, Immutable, Alias("Truora.StoredMessage")]
public sealed record StoredMessage(
    [property: Id(0)] int Sequence,
    [property: Id(1)] HistoryEntry Entry,
    [property: Id(2)] bool Transcribed = false)
{
    /// <summary>A message with an id of its own, received or sent in this conversation: its id is unique in the tenant.</summary>
    public bool IsUnique => Entry.MessageId is not null && !Transcribed;
}

/// <summary>
/// The list views' row of a conversation: its summary, when the user last wrote (WhatsApp's window) and since when
/// its owner has held it (a member created again under an old id does not list what its namesake held).
/// </summary>
[GenerateSerializer, Immutable, Alias("Truora.ConversationRow")]
public sealed record ConversationRow(
    [property: Id(0)] ConversationSummary Summary,
    [property: Id(1)] DateTimeOffset? LastUserMessageAt,
    [property: Id(2)] DateTimeOffset? OwnedSince);

/// <summary>A status webhook's news for one of the conversation's outbound messages.</summary>
[GenerateSerializer, Immutable, Alias("Truora.DeliveryChange")]
public sealed record DeliveryChange(
    [property: Id(0)] string MessageId,
    [property: Id(1)] DeliveryState State);

/// <summary>What one commit of a conversation stores: new messages, delivery news and its row, all or nothing.</summary>
[GenerateSerializer, Immutable, Alias("Truora.ConversationChange")]
public sealed record ConversationChange(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string ConversationId,
    [property: Id(2)] IReadOnlyList<StoredMessage> Messages,
    [property: Id(3)] IReadOnlyList<DeliveryChange> Deliveries,
    [property: Id(4)] ConversationRow? Row);

/// <summary>What a conversation activates with: its latest messages (oldest first) and its row.</summary>
[GenerateSerializer, Immutable, Alias("Truora.ConversationTail")]
public sealed record ConversationTail(
    [property: Id(0)] IReadOnlyList<StoredMessage> Recent,
    [property: Id(1)] ConversationRow? Row)
{
    public static ConversationTail Empty { get; } = new([], null);

    public int NextSequence => Recent.Count == 0 ? 0 : Recent[^1].Sequence + 1;
}

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
