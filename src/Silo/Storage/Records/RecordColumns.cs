using System.Data.Common;
using Truora.Grains.Conversations.Records;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Silo.Storage.Records;

/// <summary>
/// Reads the records' rows as both databases return them: the row and message columns in the order
/// <c>RowColumns</c> and <c>MessageColumns</c> name them, times as offsets (timestamptz, datetimeoffset).
/// </summary>
internal static class RecordColumns
{
    public static ConversationRow Row(DbDataReader reader) => new(
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

    public static StoredMessage Message(DbDataReader reader) => new(
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
