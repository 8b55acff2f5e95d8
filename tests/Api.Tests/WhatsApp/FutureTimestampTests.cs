using System.Net;
using Truora.Api.Tests.EndToEnd;

namespace Truora.Api.Tests.WhatsApp;

/// <summary>
/// A message dated far ahead (forged, or a broken clock) would hold WhatsApp's 24-hour window open for good: it is
/// dated at its receipt instead.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class FutureTimestampTests(InProcessNode node)
{
    [Fact]
    public async Task AMessageFromTheYear9999IsDatedAtItsReceipt()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var user = MetaPayloads.NewWaId();
        var conversationId = await tenant.ReachAgentAsync(user);
        var before = DateTimeOffset.UtcNow;

        using var response = await tenant.SendWebhookAsync(MetaPayloads.TextMessage(user, MetaPayloads.NewMessageId(), "from the future", 253_402_300_799));
        await response.ExpectAsync(HttpStatusCode.OK);

        var conversation = await WhatsAppTenant.ConversationAsync(tenant.FirstAgent, conversationId);
        var entry = ConversationJson.History(conversation).Single(e => ConversationJson.String(e, "text") == "from the future");
        var at = DateTimeOffset.Parse(ConversationJson.String(entry, "at")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(at, before.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
    }
}
