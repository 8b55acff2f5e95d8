using System.Text;
using System.Text.Json;

namespace Truora.Api.Tests.WhatsApp;

/// <summary>Meta's webhook envelope around the parts a test cares about, shaped like Meta's documented examples.</summary>
internal static class WebhookBodies
{
    public const string PhoneNumberId = "106540352242922";
    public const string Sender = "16505551234";
    public const string SenderName = "Sheena Nelson";
    public const string MessageId = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";

    /// <summary>The time of <c>"timestamp": "1749416383"</c>.</summary>
    public static readonly DateTimeOffset SentAt = new(2025, 6, 8, 20, 59, 43, TimeSpan.Zero);

    /// <summary>Meta's own sample: a text message with the sender's contact.</summary>
    public const string TextMessage = """
        {
          "object": "whatsapp_business_account",
          "entry": [{
            "id": "102290129340398",
            "changes": [{
              "value": {
                "messaging_product": "whatsapp",
                "metadata": { "display_phone_number": "15550783881", "phone_number_id": "106540352242922" },
                "contacts": [{ "profile": { "name": "Sheena Nelson" }, "wa_id": "16505551234" }],
                "messages": [{
                  "from": "16505551234",
                  "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
                  "timestamp": "1749416383",
                  "type": "text",
                  "text": { "body": "Does it come in another color?" }
                }]
              },
              "field": "messages"
            }]
          }]
        }
        """;

    private const string Head = """{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":""";
    private const string Tail = ""","field":"messages"}]}]}""";
    private const string Metadata = """{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},""";
    private const string Contacts = """[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}]""";

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>One entry with one <c>messages</c> change holding <paramref name="value"/> as it is.</summary>
    public static string Envelope(string value) => Head + value + Tail;

    /// <summary>A value with metadata, the sender's contact and <paramref name="messages"/> (a JSON array).</summary>
    public static string Messages(string messages) =>
        Envelope(Metadata + "\"contacts\":" + Contacts + ",\"messages\":" + messages + "}");

    /// <summary>A value with metadata and <paramref name="statuses"/> (a JSON array).</summary>
    public static string Statuses(string statuses) => Envelope(Metadata + "\"statuses\":" + statuses + "}");

    /// <summary>A text message from <see cref="Sender"/> with the given id and body, escaped as JSON needs.</summary>
    public static string Text(string id, string body) =>
        Messages("[{\"from\":\"" + Sender + "\",\"id\":" + JsonSerializer.Serialize(id)
            + ",\"timestamp\":\"1749416383\",\"type\":\"text\",\"text\":{\"body\":" + JsonSerializer.Serialize(body) + "}}]");
}
