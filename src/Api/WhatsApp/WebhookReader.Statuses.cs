using System.Globalization;
using System.Text.Json;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Api.WhatsApp;

/// <summary>One entry of a value's <c>statuses</c>: Meta's report on a message we sent.</summary>
internal sealed partial class WebhookReader
{
    private bool ReadStatus(ref Utf8JsonReader reader)
    {
        string? id = null, status = null, error = null, recipient = null;
        DateTimeOffset? timestamp = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var ok = true;
            if (reader.ValueTextEquals("id"u8))
            {
                ok = ReadString(ref reader, "id", MaxIdLength, out id);
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                ok = ReadString(ref reader, "status", MaxIdLength, out status);
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                ok = ReadTimestamp(ref reader, "timestamp", out var at);
                timestamp = at;
            }
            else if (reader.ValueTextEquals("recipient_id"u8))
            {
                ok = ReadString(ref reader, "recipient_id", MaxIdLength, out recipient);
            }
            else if (reader.ValueTextEquals("errors"u8))
            {
                ok = ReadErrors(ref reader, out error);
            }
            else
            {
                reader.Skip();
            }

            if (!ok)
            {
                return false;
            }
        }

        if (string.IsNullOrEmpty(id))
        {
            return Fail($"{At("id")} is required.");
        }

        if (string.IsNullOrEmpty(status))
        {
            return Fail($"{At("status")} is required.");
        }

        if (timestamp is null)
        {
            return Fail($"{At("timestamp")} is required.");
        }

        // The recipient names the contact whose outbox sent the message: without it the status has no home.
        if (recipient is null || !PhoneNumbers.IsWaId(recipient))
        {
            return Fail($"{At("recipient_id")} is required and must be a wa_id (digits).");
        }

        // Meta also reports states we do not track (such as "deleted"); they move nothing and are not errors.
        if (DeliveryStates.TryParse(status, out var state))
        {
            (valueStatuses ??= []).Add((recipient, new DeliveryStatusUpdate(id, state, timestamp.Value, error)));
        }

        return true;
    }

    private bool ReadErrors(ref Utf8JsonReader reader, out string? error)
    {
        error = null;
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Fail($"{At("errors")} must be an array.");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return Fail($"{At("errors")} must hold objects.");
            }

            int? code = null;
            string? title = null;
            string? details = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var ok = true;
                if (reader.ValueTextEquals("code"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var number))
                    {
                        return Fail($"{At("errors.code")} must be an integer.");
                    }

                    code = number;
                }
                else if (reader.ValueTextEquals("title"u8))
                {
                    ok = ReadString(ref reader, "errors.title", MaxTextLength, out title, optional: true);
                }
                else if (reader.ValueTextEquals("error_data"u8))
                {
                    ok = ReadErrorDetails(ref reader, out details);
                }
                else
                {
                    reader.Skip();
                }

                if (!ok)
                {
                    return false;
                }
            }

            var described = Describe(code, title, details);
            error = error is null ? described : $"{error}; {described}";
        }

        return true;
    }

    private bool ReadErrorDetails(ref Utf8JsonReader reader, out string? details)
    {
        details = null;
        if (!EnterObject(ref reader, "errors.error_data", out var present))
        {
            return false;
        }

        while (present && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("details"u8))
            {
                reader.Skip();
            }
            else if (!ReadString(ref reader, "errors.error_data.details", MaxTextLength, out details, optional: true))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Meta's error as one line for the message's delivery view, such as "131047 Re-engagement message: …".</summary>
    private static string Describe(int? code, string? title, string? details)
    {
        string head;
        if (code is { } number)
        {
            head = title is null
                ? number.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{number} {title}");
        }
        else
        {
            head = title ?? "Unknown error";
        }

        return details is null ? head : $"{head}: {details}";
    }
}
