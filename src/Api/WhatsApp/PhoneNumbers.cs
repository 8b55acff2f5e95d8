using Truora.Grains.Interfaces.Contacts;

namespace Truora.Api.WhatsApp;

/// <summary>
/// Phones as the contract takes them: a WhatsApp <c>wa_id</c>, digits only, which routes also accept with a leading '+'.
/// </summary>
public static class PhoneNumbers
{
    public const int MinDigits = ContactId.MinDigits;
    public const int MaxDigits = ContactId.MaxDigits;

    /// <summary>Accepts <c>+573001234567</c> or <c>573001234567</c> and gives <c>573001234567</c>; anything else is false.</summary>
    public static bool TryNormalize(string? input, out ContactId contact)
    {
        contact = default;
        if (input is null)
        {
            return false;
        }

        var span = input.AsSpan();
        if (span is ['+', .. var rest])
        {
            span = rest;
        }

        return ContactId.TryParse(span.Length == input.Length ? input : span.ToString(), out contact);
    }

    /// <summary>Whether the value is already a <c>wa_id</c>: <see cref="MinDigits"/> to <see cref="MaxDigits"/> ASCII digits.</summary>
    public static bool IsWaId(ReadOnlySpan<char> value) => ContactId.IsWaId(value);
}
