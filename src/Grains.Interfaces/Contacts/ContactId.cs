namespace Truora.Grains.Interfaces.Contacts;

/// <summary>
/// A WhatsApp user of a tenant by their <c>wa_id</c>: <see cref="MinDigits"/> to <see cref="MaxDigits"/> ASCII digits,
/// no '+' (the API strips the one a route may carry). The key of the contact grain; the conversations' contact phone.
/// </summary>
[GenerateSerializer, Immutable, Alias("Truora.ContactId")]
public readonly record struct ContactId([property: Id(0)] string Value)
{
    public const int MinDigits = 6;
    public const int MaxDigits = 20;

    public static ContactId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException($"'{value}' is not a WhatsApp id ({MinDigits} to {MaxDigits} digits).");

    public static bool TryParse(string? value, out ContactId id)
    {
        id = value is not null && IsWaId(value) ? new ContactId(value) : default;
        return id.Value is not null;
    }

    /// <summary>Whether the value is a <c>wa_id</c>, without making one.</summary>
    public static bool IsWaId(ReadOnlySpan<char> value) =>
        value.Length is >= MinDigits and <= MaxDigits && !value.ContainsAnyExceptInRange('0', '9');

    public override string ToString() => Value;
}
