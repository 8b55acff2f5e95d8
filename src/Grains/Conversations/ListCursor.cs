using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Truora.Grains.Interfaces.Conversations;

namespace Truora.Grains.Conversations;

/// <summary>
/// Where a page ended in the lists' order (newest activity first, then id): opaque to clients, base64url of
/// the last item's activity ticks and id.
/// </summary>
[GenerateSerializer, Immutable, Alias("Truora.ListCursor")]
public readonly record struct ListCursor([property: Id(0)] long Ticks, [property: Id(1)] string Id)
{
    public static string From(ConversationSummary last) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{last.LastMessageAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{last.Id}"));

    /// <summary>False for a cursor this server did not make; a missing cursor parses to null (the first page).</summary>
    public static bool TryParse(string? text, out ListCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (text.Length > 200 || !Base64Url.IsValid(text))
        {
            return false;
        }

        var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
        var bar = decoded.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || !long.TryParse(decoded.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new ListCursor(ticks, decoded[(bar + 1)..]);
        return true;
    }

    /// <summary>Whether the conversation comes after this cursor in list order.</summary>
    public bool Precedes(ConversationSummary summary) => ListOrder.Compare(this, At(summary)) < 0;

    public static ListCursor At(ConversationSummary summary) => new(summary.LastMessageAt.UtcTicks, summary.Id);

    /// <summary>The lists' order as a comparison of positions: newest activity first, then id, descending.</summary>
    public static Comparer<ListCursor> ListOrder { get; } = Comparer<ListCursor>.Create(static (a, b) =>
        a.Ticks != b.Ticks ? b.Ticks.CompareTo(a.Ticks) : string.CompareOrdinal(b.Id, a.Id));
}
