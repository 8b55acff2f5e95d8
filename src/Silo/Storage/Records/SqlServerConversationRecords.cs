using System.Data;
using System.Text;
using Microsoft.Data.SqlClient;
using Truora.Grains.Conversations.Records;
using Truora.Grains.Interfaces.Conversations;

namespace Truora.Silo.Storage.Records;

/// <summary>
/// Conversation records in SQL Server, in step with <see cref="PostgresConversationRecords"/>: a batch is one
/// transaction of parameterized statements, sent in as few commands as SQL Server's 2,100 parameters allow.
/// </summary>
public sealed class SqlServerConversationRecords(string connectionString) : IConversationRecords
{
    private const int ParametersPerCommand = 2_000;

    /// <summary>Each command of a commit: any error rolls the whole transaction back, and duplicates are collected.</summary>
    private const string BatchStart = "SET XACT_ABORT ON;\nDECLARE @dup TABLE (c int, m nvarchar(450));\n";

    public async Task<IReadOnlyList<string>[]> CommitAsync(IReadOnlyList<ConversationChange> changes, CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var duplicates = new List<string>?[changes.Count];
        var command = NewCommand(connection, transaction);
        var sql = new StringBuilder(BatchStart);
        for (var c = 0; c < changes.Count; c++)
        {
            var change = changes[c];
            foreach (var message in change.Messages)
            {
                var p = Add(command, change.TenantId, change.ConversationId, message.Sequence, (short)message.Entry.From, message.Entry.Text,
                    message.Entry.At, message.Entry.BlockId, message.Entry.AgentId, message.Entry.Delivery is { } d ? (short)d : null,
                    message.Entry.MessageId, message.Transcribed);
                sql.Append($"INSERT INTO truora_messages (tenant_id, conversation_id, {RecordColumns.Message}) SELECT {p[0]}, {p[1]}, {p[2]}, {p[3]}, {p[4]}, {p[5]}, {p[6]}, {p[7]}, {p[8]}, {p[9]}, {p[10]}");
                if (message.IsUnique)
                {
                    sql.Append($" WHERE NOT EXISTS (SELECT 1 FROM truora_messages WITH (UPDLOCK, HOLDLOCK) WHERE tenant_id = {p[0]} AND message_id = {p[9]} AND message_id IS NOT NULL AND transcribed = 0);")
                        .Append($" IF @@ROWCOUNT = 0 INSERT INTO @dup VALUES ({c}, {p[9]})");
                }

                sql.Append(";\n");
                await FlushIfFullAsync();
            }

            foreach (var delivery in change.Deliveries)
            {
                var p = Add(command, change.TenantId, change.ConversationId, delivery.MessageId, (short)delivery.State);
                sql.Append($"UPDATE truora_messages SET delivery = CASE WHEN delivery IS NULL OR delivery < {p[3]} THEN {p[3]} ELSE delivery END")
                    .Append($" WHERE tenant_id = {p[0]} AND conversation_id = {p[1]} AND message_id = {p[2]} AND transcribed = 0;\n");
                await FlushIfFullAsync();
            }

            if (change.Row is { Summary: var s } row)
            {
                var p = Add(command, change.TenantId, change.ConversationId, s.ContactPhone, s.ContactName, (short)s.Status, s.OwnerId, s.GroupId,
                    s.OpenedAt, s.ExpiresAt, s.LastMessageAt, s.ClosedReason is { } reason ? (short)reason : null, s.ClosedAt,
                    row.LastUserMessageAt, row.OwnedSince);
                sql.Append($"UPDATE truora_conversations SET contact_phone = {p[2]}, contact_name = {p[3]}, status = {p[4]}, owner_id = {p[5]},")
                    .Append($" group_id = {p[6]}, opened_at = {p[7]}, expires_at = {p[8]}, last_message_at = {p[9]}, closed_reason = {p[10]},")
                    .Append($" closed_at = {p[11]}, last_user_message_at = {p[12]}, owned_since = {p[13]} WHERE tenant_id = {p[0]} AND conversation_id = {p[1]};")
                    .Append($" IF @@ROWCOUNT = 0 INSERT INTO truora_conversations (tenant_id, {RecordColumns.Row}) VALUES ({string.Join(", ", p)});\n");
                await FlushIfFullAsync();
            }
        }

        await FlushAsync();
        await transaction.CommitAsync(cancellationToken);
        return [.. duplicates.Select(list => list ?? (IReadOnlyList<string>)[])];

        async Task FlushIfFullAsync()
        {
            if (command.Parameters.Count >= ParametersPerCommand - 16)
            {
                await FlushAsync();
            }
        }

        async Task FlushAsync()
        {
            if (command.Parameters.Count == 0)
            {
                return;
            }

            command.CommandText = sql.Append("SELECT c, m FROM @dup;").ToString();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    (duplicates[reader.GetInt32(0)] ??= []).Add(reader.GetString(1));
                }
            }

            await command.DisposeAsync();
            command = NewCommand(connection, transaction);
            sql.Clear().Append(BatchStart);
        }
    }

    /// <summary>
    /// A unique key taken (2627, 2601): one change's fault, not the database's; a deadlock (1205) between two batches
    /// is retried change by change as well.
    /// </summary>
    public bool IsChangeFault(Exception exception) => exception is SqlException { Number: 2627 or 2601 or 1205 };

    public async Task<ConversationTail> ReadTailAsync(string tenantId, string conversationId, int count)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = NewCommand(connection, null);
        var p = Add(command, tenantId, conversationId, count);
        command.CommandText =
            $"SELECT {RecordColumns.Row} FROM truora_conversations WHERE tenant_id = {p[0]} AND conversation_id = {p[1]};\n" +
            $"SELECT TOP ({p[2]}) {RecordColumns.Message} FROM truora_messages WHERE tenant_id = {p[0]} AND conversation_id = {p[1]} ORDER BY seq DESC;";
        await using var reader = await command.ExecuteReaderAsync();
        return await RecordColumns.TailAsync(reader);
    }

    public async Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(string tenantId, string conversationId)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = NewCommand(connection, null);
        var p = Add(command, tenantId, conversationId);
        command.CommandText = $"SELECT {RecordColumns.Message} FROM truora_messages WHERE tenant_id = {p[0]} AND conversation_id = {p[1]} ORDER BY seq;";
        await using var reader = await command.ExecuteReaderAsync();
        return await RecordColumns.HistoryAsync(reader);
    }

    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(string tenantId, ConversationFilter filter)
    {
        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = NewCommand(connection, null);
        var limit = Add(command, filter.Limit, tenantId);
        var sql = new StringBuilder($"SELECT TOP ({limit[0]}) {RecordColumns.Row} FROM truora_conversations WHERE tenant_id = {limit[1]}");
        if (filter.OwnerId is { } owner)
        {
            sql.Append($" AND owner_id = {Add(command, owner)[0]}");
        }

        if (filter.GroupIds is { } groups)
        {
            sql.Append(groups.Count == 0 ? " AND 1 = 0" : $" AND group_id IN ({string.Join(", ", Add(command, [.. groups]))})");
        }

        if (filter.OpenedSince is { } openedSince)
        {
            sql.Append($" AND opened_at >= {Add(command, openedSince)[0]}");
        }

        if (filter.OwnedSince is { } ownedSince)
        {
            sql.Append($" AND owned_since >= {Add(command, ownedSince)[0]}");
        }

        if (filter.Statuses.Count > 0)
        {
            sql.Append($" AND status IN ({string.Join(", ", Add(command, [.. filter.Statuses.Select(status => (object?)(short)status)]))})");
        }

        if (filter.After is { } after)
        {
            var p = Add(command, new DateTimeOffset(after.Ticks, TimeSpan.Zero), after.Id);
            sql.Append($" AND (last_message_at < {p[0]} OR (last_message_at = {p[0]} AND conversation_id < {p[1]}))");
        }

        command.CommandText = sql.Append(" ORDER BY last_message_at DESC, conversation_id DESC;").ToString();
        await using var reader = await command.ExecuteReaderAsync();
        return await RecordColumns.PageAsync(reader);
    }

    private static SqlCommand NewCommand(SqlConnection connection, SqlTransaction? transaction) =>
        new() { Connection = connection, Transaction = transaction, CommandTimeout = 30 };

    /// <summary>Adds each value as the next numbered parameter (<c>@p0</c>, <c>@p1</c>…) and answers their names.</summary>
    private static string[] Add(SqlCommand command, params object?[] values)
    {
        var names = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            names[i] = "@p" + command.Parameters.Count;
            var parameter = command.Parameters.AddWithValue(names[i], values[i] ?? DBNull.Value);
            if (values[i] is DateTimeOffset)
            {
                parameter.SqlDbType = SqlDbType.DateTimeOffset;
                parameter.Scale = 6;
            }
            else if (values[i] is string text)
            {
                parameter.SqlDbType = SqlDbType.NVarChar;
                parameter.Size = text.Length <= 4_000 ? 4_000 : -1;
            }
        }

        return names;
    }
}
