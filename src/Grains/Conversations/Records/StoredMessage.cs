using Truora.Grains.Interfaces.Conversations;

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
