using Truora.Grains.Conversations.Records;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Conversations;

/// <summary>
/// A conversation's messages as its grain holds them: the latest few it decides with (a retried webhook's id, the
/// state of a recent outbound message) and whatever was appended since the last commit. The history itself lives
/// in <see cref="IConversationRecords"/>; appending message 1,000 costs what appending message 10 does.
/// </summary>
/// <remarks>Every change is synchronous, so the grain makes its changes before its first await.</remarks>
public sealed class ConversationJournal
{
    /// <summary>How many of the latest messages stay in memory.</summary>
    public const int TailSize = 32;

    private readonly List<StoredMessage> recent = new(4);
    private List<StoredMessage>? unsaved;
    private List<DeliveryChange>? deliveries;
    private int next;

    /// <summary>No message was ever stored or appended: a conversation whose opening never reached storage.</summary>
    public bool IsEmpty => next == 0;

    public bool HasChanges => unsaved is not null || deliveries is not null;

    public void Load(ConversationTail tail)
    {
        recent.AddRange(tail.Recent);
        next = tail.NextSequence;
    }

    public void Append(HistoryEntry entry, bool transcribed = false)
    {
        var message = new StoredMessage(next++, entry, transcribed);
        (unsaved ??= []).Add(message);
        Remember(message);
    }

    /// <summary>Whether one of the latest messages carries this id: a retried webhook, answered without a write.</summary>
    public bool HasRecent(string messageId)
    {
        foreach (var message in recent)
        {
            if (message.IsUnique && string.Equals(message.Entry.MessageId, messageId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Records a status for an outbound message; false when a recent message already shows a state as new (a status
    /// webhook retried, or out of order). One older than the tail is left to the store, which keeps the newest state.
    /// </summary>
    public bool RecordDelivery(string messageId, DeliveryState state)
    {
        var index = recent.FindLastIndex(message => message.IsUnique && string.Equals(message.Entry.MessageId, messageId, StringComparison.Ordinal));
        if (index >= 0)
        {
            var entry = recent[index].Entry;
            var advanced = DeliveryStates.Advance(entry.Delivery ?? DeliveryState.Pending, state);
            if (advanced == entry.Delivery)
            {
                return false;
            }

            recent[index] = recent[index] with { Entry = entry with { Delivery = advanced } };
        }

        (deliveries ??= []).Add(new DeliveryChange(messageId, state));
        return true;
    }

    /// <summary>Hands the changes to a commit; if it fails, the activation is discarded, so nothing is put back.</summary>
    public (IReadOnlyList<StoredMessage> Messages, IReadOnlyList<DeliveryChange> Deliveries) TakeChanges()
    {
        IReadOnlyList<StoredMessage> messages = unsaved ?? (IReadOnlyList<StoredMessage>)[];
        IReadOnlyList<DeliveryChange> news = deliveries ?? (IReadOnlyList<DeliveryChange>)[];
        unsaved = null;
        deliveries = null;
        return (messages, news);
    }

    /// <summary>Drops messages the store already held (committed by an earlier activation): they are not this one's to show twice.</summary>
    public void Forget(IReadOnlyList<string> duplicateIds) =>
        recent.RemoveAll(message => message.IsUnique && duplicateIds.Contains(message.Entry.MessageId!));

    private void Remember(StoredMessage message)
    {
        if (recent.Count == TailSize)
        {
            recent.RemoveAt(0);
        }

        recent.Add(message);
    }
}
