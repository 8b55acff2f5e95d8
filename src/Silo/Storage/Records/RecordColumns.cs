using System.Data.Common;
using Truora.Grains.Conversations.Records;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Silo.Storage.Records;

/// <summary>
/// The records' columns as both databases select and return them: in the order <see cref="Row"/> and
/// <see cref="Message"/> name them, times as offsets (timestamptz, datetimeoffset).
/// </summary>
internal static class RecordColumns
{
    public const string Row =
        "conversation_id, contact_phone, contact_name, status, owner_id, group_id, opened_at, expires_at, last_message_at, closed_reason, closed_at, last_user_message_at, owned_since";

    public const string Message = "seq, sender, body, sent_at, block_id, agent_id, delivery, message_id, transcribed";

    /// <summary>A conversation's row (first result, maybe empty), then its latest messages newest first (second).</summary>
    public static async Task<ConversationTail> TailAsync(DbDataReader reader)
    {
        var row = await reader.ReadAsync() ? ReadRow(reader) : null;
        await reader.NextResultAsync();
        var recent = new List<StoredMessage>();
        while (await reader.ReadAsync())
        {
            recent.Add(ReadMessage(reader));
        }

        recent.Reverse();
        return new ConversationTail(recent, row);
    }

    public static async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(DbDataReader reader)
    {
        var entries = new List<HistoryEntry>();
        while (await reader.ReadAsync())
        {
            entries.Add(ReadMessage(reader).Entry);
        }

        return entries;
    }

    public static async Task<IReadOnlyList<ConversationSummary>> PageAsync(DbDataReader reader)
    {
        var page = new List<ConversationSummary>();
        while (await reader.ReadAsync())
        {
            page.Add(ReadRow(reader).Summary);
        }

        return page;
    }

    private static ConversationRow ReadRow(DbDataReader reader) => new(
        new ConversationSummary(
            reader.GetString(0),
            reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            (ConversationStatus)reader.GetInt16(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.GetFieldValue<DateTimeOffset>(6),
            reader.GetFieldValue<DateTimeOffset>(7),
            reader.GetFieldValue<DateTimeOffset>(8),
            reader.IsDBNull(9) ? null : (ClosedReason)reader.GetInt16(9),
            reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10)),
        reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
        reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12));

    private static StoredMessage ReadMessage(DbDataReader reader) => new(
        reader.GetInt32(0),
        new HistoryEntry(
            (HistorySender)reader.GetInt16(1),
            reader.GetString(2),
            reader.GetFieldValue<DateTimeOffset>(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.IsDBNull(6) ? null : (DeliveryState)reader.GetInt16(6),
            reader.IsDBNull(7) ? null : reader.GetString(7)),
        reader.GetBoolean(8));
}
