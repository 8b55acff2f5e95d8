using System.IO.Hashing;
using System.Runtime.InteropServices;
using Truora.Grains.Conversations.Records;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Conversations;

/// <summary>
/// A conversation's messages as its grain holds them: what it decides with about the latest few (whether a retried
/// webhook's id is among them, how far a recent outbound message got) and whatever was appended since the last
/// commit. The history itself lives in <see cref="IConversationRecords"/>: appending message 1,000 costs what
/// appending message 10 does, and an open conversation holds no message once it is committed.
/// </summary>
/// <remarks>
/// The latest ids are kept as 64-bit hashes, a false "seen" practically impossible; the store's unique index is the
/// final word anyway. Every change is synchronous, so the grain makes its changes before its first await.
/// </remarks>
public sealed class ConversationJournal
{
    /// <summary>How many of the latest messages are read at activation; those with ids of their own are remembered.</summary>
    public const int TailSize = 32;

    /// <summary>A ring of the latest unique messages; a hash of 0 marks an empty slot.</summary>
    private Recent[]? recent;
    private int recentNext;
    private List<StoredMessage>? unsaved;

    /// <summary>The newest state heard for each message since the last commit: one change per message, never two.</summary>
    private Dictionary<string, DeliveryState>? deliveries;

    /// <summary>Ids the last commits found stored already, until the call that appended each asks.</summary>
    private HashSet<string>? storedBefore;
    private int next;

    /// <summary>No message was ever stored or appended: a conversation whose opening never reached storage.</summary>
    public bool IsEmpty => next == 0;

    public void Load(ConversationTail tail)
    {
        foreach (var message in tail.Recent)
        {
            Remember(message);
        }

        next = tail.NextSequence;
    }

    public void Append(HistoryEntry entry, bool transcribed = false)
    {
        var message = new StoredMessage(next++, entry, transcribed);
        (unsaved ??= []).Add(message);
        Remember(message);
    }

    /// <summary>Whether one of the latest messages carries this id: a retried webhook, answered without a write.</summary>
    public bool HasRecent(string messageId) => IndexOf(messageId) >= 0;

    /// <summary>
    /// Records a status for an outbound message; false when a recent message already shows a state as new (a status
    /// webhook retried, or out of order). One older than those remembered is left to the store, which keeps the newest.
    /// </summary>
    public bool RecordDelivery(string messageId, DeliveryState state)
    {
        var index = IndexOf(messageId);
        if (index >= 0)
        {
            var current = recent![index].Delivery;
            var advanced = DeliveryStates.Advance(current ?? DeliveryState.Pending, state);
            if (advanced == current)
            {
                return false;
            }

            recent[index] = recent[index] with { Delivery = advanced };
        }

        deliveries ??= new(StringComparer.Ordinal);
        deliveries[messageId] = deliveries.TryGetValue(messageId, out var heard) ? DeliveryStates.Advance(heard, state) : state;
        return true;
    }

    /// <summary>Hands the changes to a commit; if it fails, the activation is discarded, so nothing is put back.</summary>
    public (IReadOnlyList<StoredMessage> Messages, IReadOnlyList<DeliveryChange> Deliveries) TakeChanges()
    {
        IReadOnlyList<StoredMessage> messages = unsaved ?? (IReadOnlyList<StoredMessage>)[];
        IReadOnlyList<DeliveryChange> news = deliveries is null ? [] : [.. deliveries.Select(heard => new DeliveryChange(heard.Key, heard.Value))];
        unsaved = null;
        deliveries = null;
        return (messages, news);
    }

    /// <summary>Notes the unique messages a commit found stored already (by an earlier activation, or another node's).</summary>
    public void NoteStoredBefore(IReadOnlyList<string> messageIds)
    {
        if (messageIds.Count > 0)
        {
            (storedBefore ??= new(StringComparer.Ordinal)).UnionWith(messageIds);
        }
    }

    /// <summary>Whether the commit of this message found it stored already; asked once, by the call that appended it.</summary>
    public bool TakeStoredBefore(string messageId)
    {
        if (storedBefore is null || !storedBefore.Remove(messageId))
        {
            return false;
        }

        if (storedBefore.Count == 0)
        {
            storedBefore = null;
        }

        return true;
    }

    private void Remember(StoredMessage message)
    {
        if (!message.IsUnique)
        {
            return;
        }

        recent ??= new Recent[TailSize];
        recent[recentNext] = new Recent(Hash(message.Entry.MessageId!), message.Entry.Delivery);
        recentNext = (recentNext + 1) % TailSize;
    }

    private int IndexOf(string messageId)
    {
        if (recent is null)
        {
            return -1;
        }

        var hash = Hash(messageId);
        for (var i = 0; i < recent.Length; i++)
        {
            if (recent[i].Hash == hash)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Never 0, which marks an empty slot.</summary>
    private static ulong Hash(string messageId) => XxHash64.HashToUInt64(MemoryMarshal.AsBytes(messageId.AsSpan())) | 1;

    private readonly record struct Recent(ulong Hash, DeliveryState? Delivery);
}
