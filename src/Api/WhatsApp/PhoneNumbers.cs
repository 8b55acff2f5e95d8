namespace Truora.Api.WhatsApp;

/// <summary>
/// Phones as the contract takes them: a WhatsApp <c>wa_id</c>, digits only, which routes also accept with a leading '+'.
/// </summary>
public static class PhoneNumbers
{
    public const int MinDigits = 6;
    public const int MaxDigits = 20;

    /// <summary>Accepts <c>+573001234567</c> or <c>573001234567</c> and gives <c>573001234567</c>; anything else is false.</summary>
    public static bool TryNormalize(string? input, out string digits)
    {
        digits = "";
        if (input is null)
        {
            return false;
        }

        var span = input.AsSpan();
        if (span is ['+', .. var rest])
        {
            span = rest;
        }

        if (!IsWaId(span))
        {
            return false;
        }

        digits = span.Length == input.Length ? input : span.ToString();
        return true;
    }

    /// <summary>Whether the value is already a <c>wa_id</c>: <see cref="MinDigits"/> to <see cref="MaxDigits"/> ASCII digits.</summary>
    public static bool IsWaId(ReadOnlySpan<char> value) =>
        value.Length is >= MinDigits and <= MaxDigits && !value.ContainsAnyExceptInRange('0', '9');
}
