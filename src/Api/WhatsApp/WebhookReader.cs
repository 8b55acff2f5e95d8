using System.Text.Json;

namespace Truora.Api.WhatsApp;

/// <summary>
/// One forward pass over a webhook body for <see cref="WebhookPayloadParser"/>. Meta does not promise property order
/// (it sends a change's <c>value</c> before its <c>field</c>, and could send <c>contacts</c> after the messages they
/// name), so a value is read from a saved reader position once its field is known, and its messages are built only
/// when the value ends. Error paths are formatted only on failure.
/// </summary>
internal sealed partial class WebhookReader
{
    // DateTimeOffset.MaxValue in unix seconds; beyond it FromUnixTimeSeconds throws.
    private const long MaxUnixSeconds = 253_402_300_799;

    // A character takes at most six bytes of JSON (a \uXXXX escape), so a longer raw string is refused undecoded.
    private const int MaxBytesPerChar = 6;

    private const int MaxIdLength = WebhookPayloadParser.MaxIdLength;
    private const int MaxNameLength = WebhookPayloadParser.MaxNameLength;
    private const int MaxTextLength = WebhookPayloadParser.MaxTextLength;

    private List<WebhookMessage>? messages;
    private List<WebhookStatus>? statuses;
    private int entry;
    private int change;
    private string item = "";
    private int index = -1;

    public string? Error { get; private set; }

    public bool Fail(string error)
    {
        Error ??= error;
        return false;
    }

    public WebhookPayload ToPayload() =>
        messages is null && statuses is null
            ? WebhookPayload.Empty
            : new WebhookPayload((IReadOnlyList<WebhookMessage>?)messages ?? [], (IReadOnlyList<WebhookStatus>?)statuses ?? []);

    public bool ReadRoot(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Fail("The body must be a JSON object.");
        }

        var forWhatsApp = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return Fail("object must be a string.");
                }

                forWhatsApp = reader.ValueTextEquals("whatsapp_business_account"u8);
            }
            else if (reader.ValueTextEquals("entry"u8))
            {
                reader.Read();
                if (!ReadEntries(ref reader))
                {
                    return false;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        // The extra Read throws on anything after the object, so trailing garbage is malformed too.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return Fail("The body must be exactly one JSON object.");
        }

        if (!forWhatsApp)
        {
            // Another product's webhook (Messenger, Instagram) pointed here by mistake: nothing of ours in it.
            messages = null;
            statuses = null;
        }

        return true;
    }

    private bool ReadEntries(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Fail("entry must be an array.");
        }

        for (entry = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; entry++)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return Fail($"entry[{entry}] must be an object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("changes"u8))
                {
                    reader.Skip();
                    continue;
                }

                reader.Read();
                if (!ReadChanges(ref reader))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private bool ReadChanges(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Fail($"entry[{entry}].changes must be an array.");
        }

        for (change = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; change++)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return Fail($"entry[{entry}].changes[{change}] must be an object.");
            }

            var isMessages = false;
            var hasValue = false;
            Utf8JsonReader value = default;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("field"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return Fail($"entry[{entry}].changes[{change}].field must be a string.");
                    }

                    isMessages = reader.ValueTextEquals("messages"u8);
                }
                else if (reader.ValueTextEquals("value"u8))
                {
                    reader.Read();
                    value = reader;
                    hasValue = true;
                    reader.Skip();
                }
                else
                {
                    reader.Skip();
                }
            }

            if (isMessages && hasValue && !ReadValue(ref value))
            {
                return false;
            }
        }

        return true;
    }

    private string ValuePath => $"entry[{entry}].changes[{change}].value";

    private string At(string field) =>
        index < 0 ? $"{ValuePath}.{item}.{field}" : $"{ValuePath}.{item}[{index}].{field}";
}
