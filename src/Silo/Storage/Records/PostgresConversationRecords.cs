using System.Text;
using Npgsql;
using Truora.Grains.Conversations.Records;
using Truora.Grains.Interfaces.Conversations;

namespace Truora.Silo.Storage.Records;

/// <summary>
/// Conversation records in PostgreSQL (<c>truora_messages</c>, <c>truora_conversations</c>). A batch of changes is
/// one round trip: each kind of row goes in as one statement over arrays (<c>unnest</c>), the statements as one
/// <see cref="NpgsqlBatch"/>, which PostgreSQL runs as one implicit transaction.
/// </summary>
public sealed partial class PostgresConversationRecords(NpgsqlDataSource database) : IConversationRecords
{
    private const string InsertMessages = """
        INSERT INTO truora_messages (tenant_id, conversation_id, seq, sender, body, sent_at, block_id, agent_id, delivery, message_id, transcribed)
        SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::smallint[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::smallint[], $10::text[], $11::bool[])
        ON CONFLICT (tenant_id, message_id) WHERE message_id IS NOT NULL AND NOT transcribed DO NOTHING
        RETURNING conversation_id, seq
        """;

    // One source row per message (max): an UPDATE joined to two would apply either one.
    private const string UpdateDeliveries = """
        UPDATE truora_messages AS m SET delivery = greatest(m.delivery, u.delivery)
        FROM (SELECT tenant_id, conversation_id, message_id, max(delivery) AS delivery
              FROM unnest($1::text[], $2::text[], $3::text[], $4::smallint[]) AS k(tenant_id, conversation_id, message_id, delivery)
              GROUP BY tenant_id, conversation_id, message_id) AS u
        WHERE m.message_id = ANY($3::text[]) AND m.message_id IS NOT NULL AND NOT m.transcribed
          AND m.tenant_id = u.tenant_id AND m.message_id = u.message_id AND m.conversation_id = u.conversation_id
        """;

    private const string UpsertRows = $"""
        INSERT INTO truora_conversations (tenant_id, {RecordColumns.Row})
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::smallint[], $6::text[], $7::text[], $8::timestamptz[],
                             $9::timestamptz[], $10::timestamptz[], $11::smallint[], $12::timestamptz[], $13::timestamptz[], $14::timestamptz[])
        ON CONFLICT (tenant_id, conversation_id) DO UPDATE SET
            contact_phone = excluded.contact_phone, contact_name = excluded.contact_name, status = excluded.status,
            owner_id = excluded.owner_id, group_id = excluded.group_id, opened_at = excluded.opened_at,
            expires_at = excluded.expires_at, last_message_at = excluded.last_message_at, closed_reason = excluded.closed_reason,
            closed_at = excluded.closed_at, last_user_message_at = excluded.last_user_message_at, owned_since = excluded.owned_since
        """;

    public async Task<IReadOnlyList<string>[]> CommitAsync(IReadOnlyList<ConversationChange> changes, CancellationToken cancellationToken)
    {
        var messages = new MessageColumnsBuilder(changes);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        if (messages.Count > 0)
        {
            batch.BatchCommands.Add(messages.Insert());
        }

        if (DeliveryUpdate(changes) is { } deliveries)
        {
            batch.BatchCommands.Add(deliveries);
        }

        if (RowUpsert(changes) is { } rows)
        {
            batch.BatchCommands.Add(rows);
        }

        var inserted = messages.HasUnique ? new HashSet<(string, int)>() : null;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            if (messages.Count > 0)
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    inserted?.Add((reader.GetString(0), reader.GetInt32(1)));
                }
            }

            while (await reader.NextResultAsync(cancellationToken))
            {
            }
        }

        return Duplicates(changes, inserted);
    }

    /// <summary>For each change, its unique messages the insert skipped: their ids were in the table already.</summary>
    private static IReadOnlyList<string>[] Duplicates(IReadOnlyList<ConversationChange> changes, HashSet<(string, int)>? inserted)
    {
        var results = new IReadOnlyList<string>[changes.Count];
        for (var i = 0; i < changes.Count; i++)
        {
            List<string>? duplicates = null;
            if (inserted is not null)
            {
                foreach (var message in changes[i].Messages)
                {
                    if (message.IsUnique && !inserted.Contains((changes[i].ConversationId, message.Sequence)))
                    {
                        (duplicates ??= []).Add(message.Entry.MessageId!);
                    }
                }
            }

            results[i] = duplicates ?? (IReadOnlyList<string>)[];
        }

        return results;
    }

    /// <summary>A unique id taken (23505) or a row named twice in one statement (21000): one change's fault, not the database's.</summary>
    public bool IsChangeFault(Exception exception) =>
        exception is PostgresException { SqlState: var state } && (state.StartsWith("23", StringComparison.Ordinal) || state == "21000");

    public async Task<ConversationTail> ReadTailAsync(string tenantId, string conversationId, int count)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"SELECT {RecordColumns.Row} FROM truora_conversations WHERE tenant_id = $1 AND conversation_id = $2")
                {
                    Parameters = { new() { Value = tenantId }, new() { Value = conversationId } },
                },
                new NpgsqlBatchCommand($"SELECT {RecordColumns.Message} FROM truora_messages WHERE tenant_id = $1 AND conversation_id = $2 ORDER BY seq DESC LIMIT $3")
                {
                    Parameters = { new() { Value = tenantId }, new() { Value = conversationId }, new() { Value = count } },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync();
        return await RecordColumns.TailAsync(reader);
    }

    public async Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(string tenantId, string conversationId)
    {
        await using var command = database.CreateCommand($"SELECT {RecordColumns.Message} FROM truora_messages WHERE tenant_id = $1 AND conversation_id = $2 ORDER BY seq");
        command.Parameters.Add(new() { Value = tenantId });
        command.Parameters.Add(new() { Value = conversationId });
        await using var reader = await command.ExecuteReaderAsync();
        return await RecordColumns.HistoryAsync(reader);
    }

    /// <summary>A keyset page: the indexes lead with (tenant, [owner,] activity, id), so a page reads its own rows only.</summary>
    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(string tenantId, ConversationFilter filter)
    {
        await using var command = database.CreateCommand();
        var sql = new StringBuilder($"SELECT {RecordColumns.Row} FROM truora_conversations WHERE tenant_id = $1");
        command.Parameters.Add(new() { Value = tenantId });
        void Where(string condition, object value)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
            sql.Append(" AND ").Append(condition.Replace("$?", "$" + command.Parameters.Count, StringComparison.Ordinal));
        }

        if (filter.OwnerId is { } owner)
        {
            Where("owner_id = $?", owner);
        }

        if (filter.GroupIds is { } groups)
        {
            Where("group_id = ANY($?)", groups.ToArray());
        }

        if (filter.OpenedSince is { } openedSince)
        {
            Where("opened_at >= $?", openedSince.ToUniversalTime());
        }

        if (filter.OwnedSince is { } ownedSince)
        {
            Where("owned_since >= $?", ownedSince.ToUniversalTime());
        }

        if (filter.Statuses.Count > 0)
        {
            Where("status = ANY($?)", filter.Statuses.Select(status => (short)status).ToArray());
        }

        if (filter.After is { } after)
        {
            command.Parameters.Add(new() { Value = new DateTimeOffset(after.Ticks, TimeSpan.Zero) });
            command.Parameters.Add(new() { Value = after.Id });
            sql.Append($" AND (last_message_at, conversation_id) < (${command.Parameters.Count - 1}, ${command.Parameters.Count})");
        }

        command.Parameters.Add(new() { Value = filter.Limit });
        sql.Append($" ORDER BY last_message_at DESC, conversation_id DESC LIMIT ${command.Parameters.Count}");
        command.CommandText = sql.ToString();
        await using var reader = await command.ExecuteReaderAsync();
        return await RecordColumns.PageAsync(reader);
    }
}
