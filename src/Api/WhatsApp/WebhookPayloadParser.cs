using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;
using Truora.Api.WhatsApp.Payload;

namespace Truora.Api.WhatsApp;

/// <summary>
/// Reads Meta's webhook body. Bad input is a false with a sentence for the 400 naming where it is wrong, never an
/// exception, and yields nothing: a half-read payload must not be recorded, or Meta's retry would find it partly done.
/// </summary>
/// <remarks>
/// The body is deserialized into Meta's records (<see cref="WebhookJsonContext"/>), then each <c>messages</c>
/// change's value is read and checked by the mappers, which turn it into our messages and statuses.
/// </remarks>
public static class WebhookPayloadParser
{
    public const int MaxIdLength = 256;
    public const int MaxNameLength = 256;
    public const int MaxTextLength = 64 * 1024;

    public static bool TryParse(ReadOnlySpan<byte> body, out WebhookPayload payload, [NotNullWhen(false)] out string? error)
    {
        payload = WebhookPayload.Empty;

        // The serializer checks a string's UTF-8 only when it decodes one, and then reports it as a type error.
        if (!Utf8.IsValid(body))
        {
            error = "The body is not valid UTF-8.";
            return false;
        }

        WebhookBody? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, WebhookJsonContext.Default.WebhookBody);
        }
        catch (JsonException e)
        {
            error = WebhookJsonErrors.Describe(e, WebhookJsonContext.Default.WebhookBody, "");
            return false;
        }

        if (parsed is null)
        {
            error = "The body must be a JSON object.";
            return false;
        }

        List<WebhookMessage> messages = [];
        List<WebhookStatus> statuses = [];
        if (!TryMapEntries(body, parsed.Entry, messages, statuses, out error))
        {
            return false;
        }

        // Another product's webhook (Messenger, Instagram) pointed here by mistake: checked, but nothing of ours in it.
        if (parsed.Object == WebhookBody.WhatsAppBusinessAccount && messages.Count + statuses.Count > 0)
        {
            payload = new WebhookPayload(messages, statuses);
        }

        return true;
    }

    private static bool TryMapEntries(
        ReadOnlySpan<byte> body,
        IReadOnlyList<Entry?> entries,
        List<WebhookMessage> messages,
        List<WebhookStatus> statuses,
        [NotNullWhen(false)] out string? error)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not { } entry)
            {
                error = $"entry[{i}] must be an object.";
                return false;
            }

            for (var j = 0; j < entry.Changes.Count; j++)
            {
                if (entry.Changes[j] is not { } change)
                {
                    error = $"entry[{i}].changes[{j}] must be an object.";
                    return false;
                }

                if (change.Field != Change.MessagesField || change.Value.IsAbsent)
                {
                    continue;
                }

                var at = new ValuePath(i, j);
                if (change.Value.Token != JsonTokenType.StartObject)
                {
                    error = $"{at} must be an object.";
                    return false;
                }

                ChangeValue value;
                try
                {
                    // An object, so never null.
                    value = JsonSerializer.Deserialize(change.Value.Of(body), WebhookJsonContext.Default.ChangeValue)!;
                }
                catch (JsonException e)
                {
                    error = WebhookJsonErrors.Describe(e, WebhookJsonContext.Default.ChangeValue, at.ToString());
                    return false;
                }

                if (!ChangeValueMapper.TryMap(value, at, messages, statuses, out error))
                {
                    return false;
                }
            }
        }

        error = null;
        return true;
    }
}
