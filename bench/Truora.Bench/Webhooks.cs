using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Truora.Bench;

/// <summary>Meta's <c>messages</c> webhook for one text message, and its <c>X-Hub-Signature-256</c>.</summary>
internal sealed class Webhooks(string appSecret)
{
    public const string PhoneNumberId = "106540352242922";
    public const string SignatureHeader = "X-Hub-Signature-256";

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly byte[] secret = Encoding.UTF8.GetBytes(appSecret);

    /// <summary>Contact number <paramref name="index"/>: a WhatsApp id (digits only), unique within the run's tenant.</summary>
    public static string Phone(int index) => "573" + index.ToString("D9", CultureInfo.InvariantCulture);

    /// <summary>The POST Meta would send to <paramref name="url"/> for <paramref name="text"/> from <paramref name="from"/>, signed.</summary>
    public HttpRequestMessage TextMessage(Uri url, string from, string messageId, string text)
    {
        var (body, signature) = SignedText(from, messageId, text);
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = Json;
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.TryAddWithoutValidation(SignatureHeader, signature);
        return request;
    }

    /// <summary>The webhook's body (one line of JSON) and its signature header's value.</summary>
    public (ReadOnlyMemory<byte> Body, string Signature) SignedText(string from, string messageId, string text)
    {
        var body = new ArrayBufferWriter<byte>(768);
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("object", "whatsapp_business_account");
            json.WriteStartArray("entry");
            json.WriteStartObject();
            json.WriteString("id", "102290129340398");
            json.WriteStartArray("changes");
            json.WriteStartObject();
            json.WriteString("field", "messages");
            json.WriteStartObject("value");
            json.WriteString("messaging_product", "whatsapp");
            json.WriteStartObject("metadata");
            json.WriteString("display_phone_number", "15550783881");
            json.WriteString("phone_number_id", PhoneNumberId);
            json.WriteEndObject();
            json.WriteStartArray("contacts");
            json.WriteStartObject();
            json.WriteStartObject("profile");
            json.WriteString("name", "Bench " + from);
            json.WriteEndObject();
            json.WriteString("wa_id", from);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("messages");
            json.WriteStartObject();
            json.WriteString("from", from);
            json.WriteString("id", messageId);
            json.WriteString("timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            json.WriteString("type", "text");
            json.WriteStartObject("text");
            json.WriteString("body", text);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        var bytes = body.WrittenMemory;
        return (bytes, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, bytes.Span)));
    }
}
