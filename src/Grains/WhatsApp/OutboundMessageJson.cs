using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Truora.Grains.WhatsApp;

/// <summary>
/// Meta's send-message bodies (<c>POST {graph}/{version}/{phoneNumberId}/messages</c>) as UTF-8, and the wamid in its
/// reply. <c>to</c> is always a <c>wa_id</c>: digits, no '+'.
/// </summary>
public static class OutboundMessageJson
{
    /// <summary>Meta's message ids are well under this; anything longer is not a real answer.</summary>
    private const int MaxMessageIdLength = 256;

    // The body goes to Meta's API, never into HTML, so accents and emoji stay as they are instead of \u escapes.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Text(string to, string body)
    {
        var buffer = new ArrayBufferWriter<byte>(160 + (body.Length * 2));
        using var json = new Utf8JsonWriter(buffer, Options);
        json.WriteStartObject();
        json.WriteString("messaging_product"u8, "whatsapp"u8);
        json.WriteString("recipient_type"u8, "individual"u8);
        json.WriteString("to"u8, to);
        json.WriteString("type"u8, "text"u8);
        json.WriteStartObject("text"u8);
        json.WriteBoolean("preview_url"u8, false);
        json.WriteString("body"u8, body);
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A template message; <c>components</c> is left out when the template's body has no parameters.</summary>
    public static byte[] Template(string to, string name, string languageCode, IReadOnlyList<string> parameters)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using var json = new Utf8JsonWriter(buffer, Options);
        json.WriteStartObject();
        json.WriteString("messaging_product"u8, "whatsapp"u8);
        json.WriteString("to"u8, to);
        json.WriteString("type"u8, "template"u8);
        json.WriteStartObject("template"u8);
        json.WriteString("name"u8, name);
        json.WriteStartObject("language"u8);
        json.WriteString("code"u8, languageCode);
        json.WriteEndObject();
        if (parameters.Count > 0)
        {
            json.WriteStartArray("components"u8);
            json.WriteStartObject();
            json.WriteString("type"u8, "body"u8);
            json.WriteStartArray("parameters"u8);
            for (var i = 0; i < parameters.Count; i++)
            {
                json.WriteStartObject();
                json.WriteString("type"u8, "text"u8);
                json.WriteString("text"u8, parameters[i]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Reads the wamid from Meta's success reply, <c>{"messages":[{"id":"wamid..."}]}</c>. Status webhooks name the
    /// message by it, so a reply without one is not a usable success.
    /// </summary>
    public static bool TryReadMessageId(ReadOnlySpan<byte> responseBody, [NotNullWhen(true)] out string? wamid)
    {
        wamid = null;
        try
        {
            var reader = new Utf8JsonReader(responseBody);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("messages"u8))
                {
                    reader.Skip();
                    continue;
                }

                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    return false;
                }

                return TryReadId(ref reader, out wamid);
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // A string that is not valid UTF-8 surfaces here when it is decoded.
            return false;
        }
    }

    private static bool TryReadId(ref Utf8JsonReader reader, [NotNullWhen(true)] out string? wamid)
    {
        wamid = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("id"u8))
            {
                reader.Skip();
                continue;
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.String
                || reader.ValueSpan.Length is 0 or > MaxMessageIdLength)
            {
                return false;
            }

            wamid = reader.GetString();
            return wamid is { Length: > 0 };
        }

        return false;
    }
}
