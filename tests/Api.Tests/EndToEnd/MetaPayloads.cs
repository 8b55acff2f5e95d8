using System.Globalization;
using System.Text.Json.Nodes;

namespace Truora.Api.Tests.EndToEnd;

/// <summary>Meta's webhook bodies, shaped like Meta's documented examples, for the messages and statuses a test sends.</summary>
internal static class MetaPayloads
{
    public const string DisplayPhoneNumber = "15550783881";
    public const string ProfileName = "Ana Rojas";

    /// <summary>Now as Meta's <c>timestamp</c>: unix seconds.</summary>
    public static long Now => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>A fresh WhatsApp user id (digits, no '+').</summary>
    public static string NewWaId() => "57300" + Random.Shared.Next(1_000_000, 10_000_000).ToString(CultureInfo.InvariantCulture);

    /// <summary>A fresh inbound message id, as Meta gives each message.</summary>
    public static string NewMessageId() => "wamid.in-" + Guid.NewGuid().ToString("N");

    /// <summary>A <c>messages</c> webhook with one text message from <paramref name="from"/>.</summary>
    public static string TextMessage(string from, string id, string text, long unixTimestamp, string phoneNumberId = WhatsAppTenant.PhoneNumberId)
    {
        var value = Value(phoneNumberId);
        value["contacts"] = new JsonArray(new JsonObject
        {
            ["profile"] = new JsonObject { ["name"] = ProfileName },
            ["wa_id"] = from,
        });
        value["messages"] = new JsonArray(new JsonObject
        {
            ["from"] = from,
            ["id"] = id,
            ["timestamp"] = unixTimestamp.ToString(CultureInfo.InvariantCulture),
            ["type"] = "text",
            ["text"] = new JsonObject { ["body"] = text },
        });
        return Envelope(value);
    }

    /// <summary>A status webhook: Meta reporting <paramref name="status"/> for the message it called <paramref name="wamid"/>.</summary>
    public static string Status(string recipient, string wamid, string status, string phoneNumberId = WhatsAppTenant.PhoneNumberId)
    {
        var value = Value(phoneNumberId);
        value["statuses"] = new JsonArray(new JsonObject
        {
            ["id"] = wamid,
            ["status"] = status,
            ["timestamp"] = Now.ToString(CultureInfo.InvariantCulture),
            ["recipient_id"] = recipient,
        });
        return Envelope(value);
    }

    private static JsonObject Value(string phoneNumberId) => new()
    {
        ["messaging_product"] = "whatsapp",
        ["metadata"] = new JsonObject { ["display_phone_number"] = DisplayPhoneNumber, ["phone_number_id"] = phoneNumberId },
    };

    private static string Envelope(JsonObject value) => new JsonObject
    {
        ["object"] = "whatsapp_business_account",
        ["entry"] = new JsonArray(new JsonObject
        {
            ["id"] = "102290129340398",
            ["changes"] = new JsonArray(new JsonObject { ["value"] = value, ["field"] = "messages" }),
        }),
    }.ToJsonString();
}
