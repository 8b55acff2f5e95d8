using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Conversations.Records;

/// <summary>Kept alive for the cluster's life: its memory is the only copy of the tenant's messages.</summary>
[KeepAlive]
public sealed class MemoryRecordsGrain : Grain, IMemoryRecordsGrain
{
    private readonly Dictionary<string, Record> conversations = new(StringComparer.Ordinal);

    /// <summary>Ids of the tenant's unique messages: the memory mode's answer to the table's unique index.</summary>
    private readonly HashSet<string> uniqueIds = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<string>[]> CommitAsync(IReadOnlyList<ConversationChange> changes)
    {
        // All or nothing, as a transaction would: a sequence already taken (a second activation) fails the batch
        // before any of it is kept.
        Dictionary<string, int>? lastOf = null;
        foreach (var change in changes)
        {
            lastOf ??= new(StringComparer.Ordinal);
            var last = lastOf.TryGetValue(change.ConversationId, out var known) ? known
                : conversations.TryGetValue(change.ConversationId, out var stored) && stored.Messages.Count > 0 ? stored.Messages[^1].Sequence : -1;
            foreach (var message in change.Messages)
            {
                if (message.Sequence <= last)
                {
                    throw new ArgumentException($"Message {message.Sequence} of conversation '{change.ConversationId}' is stored already.", nameof(changes));
                }

                last = message.Sequence;
            }

            lastOf[change.ConversationId] = last;
        }

        var results = new IReadOnlyList<string>[changes.Count];
        for (var i = 0; i < changes.Count; i++)
        {
            results[i] = Commit(changes[i]);
        }

        return Task.FromResult(results);
    }

    private IReadOnlyList<string> Commit(ConversationChange change)
    {
        if (!conversations.TryGetValue(change.ConversationId, out var record))
        {
            conversations[change.ConversationId] = record = new Record();
        }

        List<string>? duplicates = null;
        foreach (var message in change.Messages)
        {
            if (message.IsUnique && !uniqueIds.Add(message.Entry.MessageId!))
            {
                (duplicates ??= []).Add(message.Entry.MessageId!);
                continue;
            }

            record.Messages.Add(PackedMessage.Of(message));
        }

        foreach (var delivery in change.Deliveries)
        {
            var index = record.Messages.FindLastIndex(message => message.IsUnique && message.MessageId == delivery.MessageId);
            if (index >= 0)
            {
                var message = record.Messages[index];
                record.Messages[index] = message with
                {
                    Delivery = (sbyte)DeliveryStates.Advance(message.Delivery < 0 ? DeliveryState.Pending : (DeliveryState)message.Delivery, delivery.State),
                };
            }
        }

        if (change.Row is not null)
        {
            record.Row = change.Row;
        }

        return duplicates ?? (IReadOnlyList<string>)[];
    }

    public Task<ConversationTail> ReadTailAsync(string conversationId, int count) =>
        Task.FromResult(conversations.TryGetValue(conversationId, out var record)
            ? new ConversationTail([.. record.Messages.TakeLast(count).Select(message => message.Unpack())], record.Row)
            : ConversationTail.Empty);

    public Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(string conversationId) =>
        Task.FromResult<IReadOnlyList<HistoryEntry>>(conversations.TryGetValue(conversationId, out var record)
            ? [.. record.Messages.Select(message => message.Unpack().Entry)]
            : []);

    /// <summary>A scan keeping the best <see cref="ConversationFilter.Limit"/> in a heap: no sort of every row per page.</summary>
    public Task<IReadOnlyList<ConversationSummary>> ListAsync(ConversationFilter filter)
    {
        var best = new PriorityQueue<ConversationSummary, ListCursor>(Math.Min(filter.Limit, 1_000) + 1, Comparer<ListCursor>.Create((a, b) => ListCursor.ListOrder.Compare(b, a)));
        foreach (var record in conversations.Values)
        {
            if (record.Row is { } row && Matches(filter, row))
            {
                best.Enqueue(row.Summary, ListCursor.At(row.Summary));
                if (best.Count > filter.Limit)
                {
                    best.Dequeue();
                }
            }
        }

        var page = new ConversationSummary[best.Count];
        for (var i = page.Length - 1; i >= 0; i--)
        {
            page[i] = best.Dequeue();
        }

        return Task.FromResult<IReadOnlyList<ConversationSummary>>(page);
    }

    private static bool Matches(ConversationFilter filter, ConversationRow row) =>
        row.Summary is var summary
        && (filter.OwnerId is null || summary.OwnerId == filter.OwnerId)
        && (filter.GroupIds is null || (summary.GroupId is { } group && filter.GroupIds.Contains(group)))
        && (filter.OpenedSince is not { } since || summary.OpenedAt >= since)
        && (filter.Statuses.Count == 0 || filter.Statuses.Contains(summary.Status))
        && (filter.After is not { } after || after.Precedes(summary))
        && (filter.OwnedSince is not { } ownedSince || row.OwnedSince >= ownedSince);

    private sealed class Record
    {
        public List<PackedMessage> Messages { get; } = [];

        public ConversationRow? Row { get; set; }
    }

    /// <summary>
    /// A message as the records grain keeps it: one struct in its conversation's list, no objects of its own (the
    /// immutable records a commit brings are two objects a message, most of what memory mode held per message).
    /// </summary>
    private readonly record struct PackedMessage(
        string Text, string? MessageId, string? AgentId, string? BlockId, long AtTicks, short OffsetMinutes,
        int Sequence, HistorySender From, sbyte Delivery, bool Transcribed)
    {
        public bool IsUnique => MessageId is not null && !Transcribed;

        public static PackedMessage Of(StoredMessage message)
        {
            var entry = message.Entry;
            return new PackedMessage(entry.Text, entry.MessageId, entry.AgentId, entry.BlockId, entry.At.Ticks, (short)entry.At.Offset.TotalMinutes,
                message.Sequence, entry.From, entry.Delivery is { } delivery ? (sbyte)delivery : (sbyte)-1, message.Transcribed);
        }

        public StoredMessage Unpack() => new(
            Sequence,
            new HistoryEntry(From, Text, new DateTimeOffset(AtTicks, TimeSpan.FromMinutes(OffsetMinutes)), BlockId, AgentId,
                Delivery < 0 ? null : (DeliveryState)Delivery, MessageId),
            Transcribed);
    }
}
