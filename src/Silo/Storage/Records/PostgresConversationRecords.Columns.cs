using Npgsql;
using Truora.Grains.Conversations.Records;

namespace Truora.Silo.Storage.Records;

/// <summary>A batch's rows as one array per column: each kind of row is one statement over <c>unnest</c>.</summary>
public sealed partial class PostgresConversationRecords
{
    private static NpgsqlBatchCommand? DeliveryUpdate(IReadOnlyList<ConversationChange> changes)
    {
        var count = changes.Sum(change => change.Deliveries.Count);
        if (count == 0)
        {
            return null;
        }

        var tenants = new string[count];
        var conversations = new string[count];
        var ids = new string[count];
        var states = new short[count];
        var i = 0;
        foreach (var change in changes)
        {
            foreach (var delivery in change.Deliveries)
            {
                tenants[i] = change.TenantId;
                conversations[i] = change.ConversationId;
                ids[i] = delivery.MessageId;
                states[i++] = (short)delivery.State;
            }
        }

        return new NpgsqlBatchCommand(UpdateDeliveries)
        {
            Parameters = { new() { Value = tenants }, new() { Value = conversations }, new() { Value = ids }, new() { Value = states } },
        };
    }

    private static NpgsqlBatchCommand? RowUpsert(IReadOnlyList<ConversationChange> changes)
    {
        var count = changes.Count(change => change.Row is not null);
        if (count == 0)
        {
            return null;
        }

        var tenants = new string[count];
        var ids = new string[count];
        var phones = new string[count];
        var names = new string?[count];
        var statuses = new short[count];
        var owners = new string?[count];
        var groups = new string?[count];
        var opened = new DateTimeOffset[count];
        var expires = new DateTimeOffset[count];
        var active = new DateTimeOffset[count];
        var reasons = new short?[count];
        var closed = new DateTimeOffset?[count];
        var lastUser = new DateTimeOffset?[count];
        var ownedSince = new DateTimeOffset?[count];
        var i = 0;
        foreach (var change in changes)
        {
            if (change.Row is not { Summary: var summary } row)
            {
                continue;
            }

            tenants[i] = change.TenantId;
            ids[i] = change.ConversationId;
            phones[i] = summary.ContactPhone;
            names[i] = summary.ContactName;
            statuses[i] = (short)summary.Status;
            owners[i] = summary.OwnerId;
            groups[i] = summary.GroupId;
            opened[i] = summary.OpenedAt.ToUniversalTime();
            expires[i] = summary.ExpiresAt.ToUniversalTime();
            active[i] = summary.LastMessageAt.ToUniversalTime();
            reasons[i] = summary.ClosedReason is { } reason ? (short)reason : null;
            closed[i] = summary.ClosedAt?.ToUniversalTime();
            lastUser[i] = row.LastUserMessageAt?.ToUniversalTime();
            ownedSince[i++] = row.OwnedSince?.ToUniversalTime();
        }

        return new NpgsqlBatchCommand(UpsertRows)
        {
            Parameters =
            {
                new() { Value = tenants }, new() { Value = ids }, new() { Value = phones }, new() { Value = names },
                new() { Value = statuses }, new() { Value = owners }, new() { Value = groups }, new() { Value = opened },
                new() { Value = expires }, new() { Value = active }, new() { Value = reasons }, new() { Value = closed },
                new() { Value = lastUser }, new() { Value = ownedSince },
            },
        };
    }

    /// <summary>The batch's messages as one array per column, for a single insert.</summary>
    private sealed class MessageColumnsBuilder
    {
        private readonly string[] tenants;
        private readonly string[] conversations;
        private readonly int[] sequences;
        private readonly short[] senders;
        private readonly string[] bodies;
        private readonly DateTimeOffset[] times;
        private readonly string?[] blocks;
        private readonly string?[] agents;
        private readonly short?[] deliveries;
        private readonly string?[] ids;
        private readonly bool[] transcribed;

        public MessageColumnsBuilder(IReadOnlyList<ConversationChange> changes)
        {
            Count = changes.Sum(change => change.Messages.Count);
            tenants = new string[Count];
            conversations = new string[Count];
            sequences = new int[Count];
            senders = new short[Count];
            bodies = new string[Count];
            times = new DateTimeOffset[Count];
            blocks = new string?[Count];
            agents = new string?[Count];
            deliveries = new short?[Count];
            ids = new string?[Count];
            transcribed = new bool[Count];
            var i = 0;
            foreach (var change in changes)
            {
                foreach (var message in change.Messages)
                {
                    var entry = message.Entry;
                    tenants[i] = change.TenantId;
                    conversations[i] = change.ConversationId;
                    sequences[i] = message.Sequence;
                    senders[i] = (short)entry.From;
                    bodies[i] = entry.Text;
                    times[i] = entry.At.ToUniversalTime();
                    blocks[i] = entry.BlockId;
                    agents[i] = entry.AgentId;
                    deliveries[i] = entry.Delivery is { } delivery ? (short)delivery : null;
                    ids[i] = entry.MessageId;
                    transcribed[i] = message.Transcribed;
                    HasUnique |= message.IsUnique;
                    i++;
                }
            }
        }

        public int Count { get; }

        public bool HasUnique { get; }

        public NpgsqlBatchCommand Insert() => new(InsertMessages)
        {
            Parameters =
            {
                new() { Value = tenants }, new() { Value = conversations }, new() { Value = sequences }, new() { Value = senders },
                new() { Value = bodies }, new() { Value = times }, new() { Value = blocks }, new() { Value = agents },
                new() { Value = deliveries }, new() { Value = ids }, new() { Value = transcribed },
            },
        };
    }
}
