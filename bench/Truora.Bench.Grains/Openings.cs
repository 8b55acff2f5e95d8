using System.Globalization;
using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Bench.Grains;

/// <summary>
/// What the calls carry, shaped like the HTTP harness's flow: a welcome, a question and the user's answer, then
/// the hand-off to the group; later user messages as the WhatsApp inbound path delivers them.
/// </summary>
internal static class Openings
{
    public static readonly IReadOnlyDictionary<string, string> Variables = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["document"] = "1020304050",
    };

    /// <summary>A unique WhatsApp id (digits) per run part and number: the contact of that conversation.</summary>
    public static string Phone(int part, long number) => string.Create(CultureInfo.InvariantCulture, $"57{part}{number:D9}");

    /// <summary>The flow's transcript so far (3 entries) and the hand-off to the bench group's available rotation.</summary>
    public static ConversationOpening New(string phone)
    {
        var now = DateTimeOffset.UtcNow;
        HistoryEntry[] transcript =
        [
            new(HistorySender.Bot, "Hi! Welcome to Bench support.", now, BlockId: "welcome"),
            new(HistorySender.Bot, "What is your document number?", now, BlockId: "ask"),
            new(HistorySender.User, "1020304050", now, MessageId: $"wamid.{phone}.0"),
        ];
        return new ConversationOpening(ContactId.Parse(phone), "Bench user", RotationMode.Available, GroupId.Parse(BenchTenant.GroupId), null, null,
            transcript, Variables, now);
    }

    /// <summary>The user's message number <paramref name="n"/> (n ≥ 1), as the contact grain passes it on.</summary>
    public static InboundMessage UserMessage(string phone, int n) =>
        new($"wamid.{phone}.{n}", phone, "Bench user", DateTimeOffset.UtcNow,
            string.Create(CultureInfo.InvariantCulture, $"Message {n}: I still need help with my order, please."),
            InboundMessageKinds.Text);
}
