using System.Diagnostics.CodeAnalysis;
using static Truora.Api.WhatsApp.WebhookPayloadParser;

namespace Truora.Api.WhatsApp.Payload;

/// <summary>
/// Checks a <c>messages</c> change value and adds what it carries to the payload's lists. On an error the caller
/// drops the lists whole, so what was added before it never leaves the parser.
/// </summary>
internal static class ChangeValueMapper
{
    public static bool TryMap(
        ChangeValue value,
        ValuePath at,
        List<WebhookMessage> messages,
        List<WebhookStatus> statuses,
        [NotNullWhen(false)] out string? error)
    {
        error = CheckContacts(value.Contacts, at);
        if (error is not null)
        {
            return false;
        }

        var phoneNumberId = value.Metadata.PhoneNumberId;
        if (phoneNumberId.Length > MaxIdLength)
        {
            error = $"{at}.metadata.phone_number_id must be at most {MaxIdLength} characters.";
            return false;
        }

        var before = messages.Count + statuses.Count;
        for (var i = 0; i < value.Messages.Count; i++)
        {
            if (!MessageMapper.TryMap(value.Messages[i], value.Contacts, at, i, out var message, out error))
            {
                return false;
            }

            messages.Add(new WebhookMessage(phoneNumberId, message));
        }

        for (var i = 0; i < value.Statuses.Count; i++)
        {
            if (!StatusMapper.TryMap(value.Statuses[i], at, i, out var recipient, out var status, out error))
            {
                return false;
            }

            if (status is not null)
            {
                statuses.Add(new WebhookStatus(phoneNumberId, recipient, status));
            }
        }

        // Only a value that yields something needs to say which number it is for.
        if (messages.Count + statuses.Count > before && phoneNumberId.Length == 0)
        {
            error = $"{at}.metadata.phone_number_id is required.";
            return false;
        }

        return true;
    }

    private static string? CheckContacts(IReadOnlyList<Contact?> contacts, ValuePath at)
    {
        for (var i = 0; i < contacts.Count; i++)
        {
            var error = contacts[i] switch
            {
                null => $"{at}.contacts[{i}] must be an object.",
                { WaId.Length: 0 } => $"{at.Of("contacts", i, "wa_id")} is required.",
                { WaId: var waId } when !PhoneNumbers.IsWaId(waId) =>
                    $"{at.Of("contacts", i, "wa_id")} must be a WhatsApp id: {PhoneNumbers.MinDigits} to {PhoneNumbers.MaxDigits} digits.",
                { Profile.Name.Length: > MaxNameLength } => $"{at.Of("contacts", i, "profile.name")} must be at most {MaxNameLength} characters.",
                _ => null,
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }
}
