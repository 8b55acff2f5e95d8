using System.Globalization;
using System.Text;

namespace Truora.Bench.Parsing;

/// <summary>
/// Meta's webhook bodies as they arrive (one line of JSON): a text message with its contact, Meta's own sample, and a
/// batch of 50 delivery statuses with the conversation and pricing objects Meta puts on each.
/// </summary>
internal static class ParsingBodies
{
    public static IReadOnlyList<(string Name, byte[] Body)> All { get; } =
    [
        ("one text message", Encoding.UTF8.GetBytes(OneMessage())),
        ("50 statuses", Encoding.UTF8.GetBytes(Statuses(50))),
    ];

    private const string Head =
        """{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},""";

    private const string Tail = """},"field":"messages"}]}]}""";

    private static string OneMessage() =>
        Head
        + """
            "contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"Does it come in another color?"}}]
            """
        + Tail;

    private static string Statuses(int count)
    {
        string[] states = ["sent", "delivered", "read"];
        var statuses = Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture,
            $$$"""{"id":"wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3{{{i:D4}}}","status":"{{{states[i % 3]}}}","timestamp":"{{{1749416383 + i}}}","recipient_id":"1650555{{{i:D4}}}","conversation":{"id":"6ceb9d929c9b6bf6d0bcc8a6c2fa8b7e","expiration_timestamp":"1749502783","origin":{"type":"service"}},"pricing":{"billable":true,"pricing_model":"PMP","category":"service"}}"""));
        return Head + "\"statuses\":[" + string.Join(',', statuses) + "]" + Tail;
    }
}
