using System.Net;
using Truora.Tests;

namespace Truora.Api.Tests.EndToEnd;

[Collection(NodeCollection.Name)]
public sealed class WebhookIngestTests(InProcessNode node)
{
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task AForgedSignatureIsUnauthorizedAndRecordsNothing()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var user = MetaPayloads.NewWaId();
        var body = MetaPayloads.TextMessage(user, MetaPayloads.NewMessageId(), "hi", MetaPayloads.Now);

        using var forged = await tenant.SendWebhookAsync(body, secret: "not-the-app-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Empty(tenant.Graph.Posts);
        Assert.Empty(await WhatsAppTenant.ListAsync(tenant.Admin, "view=all"));
        // Had the forged delivery recorded the message id, the genuine one would be ignored as a retry.
        using var genuine = await tenant.SendWebhookAsync(body);
        await genuine.ExpectAsync(HttpStatusCode.OK);
        await tenant.Graph.WaitForAsync(posts => WhatsAppTenant.HasBothPrompts(posts, user), Poll.Patience);
    }

    [Theory]
    [InlineData("""{"object":"whatsapp_business_account","entry":[{"changes":""")]
    [InlineData("""{"object": "whatsapp_business_account", """)]
    public async Task MalformedJsonIsABadRequest(string body)
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);

        using var response = await tenant.SendWebhookAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(tenant.Graph.Posts);
    }

    [Fact]
    public async Task ABodyOverOneMebibyteIsTooLarge()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var huge = MetaPayloads.TextMessage(MetaPayloads.NewWaId(), MetaPayloads.NewMessageId(), new string('a', 1024 * 1024), MetaPayloads.Now);

        using var response = await tenant.SendWebhookAsync(huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(tenant.Graph.Posts);
    }

    [Fact]
    public async Task ABodyWithoutAContentLengthIsReadWhole()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var user = MetaPayloads.NewWaId();
        // 40 KB of JSON whitespace: past the first buffer, so the body is read across grown buffers.
        var body = MetaPayloads.TextMessage(user, MetaPayloads.NewMessageId(), "hi", MetaPayloads.Now) + new string(' ', 40 * 1024);

        using var response = await tenant.SendWebhookAsync(body, chunked: true);

        await response.ExpectAsync(HttpStatusCode.OK);
        await tenant.Graph.WaitForAsync(posts => WhatsAppTenant.HasBothPrompts(posts, user), Poll.Patience);
    }

    [Fact]
    public async Task ABodyWithoutAContentLengthOverOneMebibyteIsTooLarge()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var huge = MetaPayloads.TextMessage(MetaPayloads.NewWaId(), MetaPayloads.NewMessageId(), "hi", MetaPayloads.Now) + new string(' ', 1024 * 1024);

        using var response = await tenant.SendWebhookAsync(huge, chunked: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await tenant.Graph.AssertNeverWithinAsync(posts => posts.Count > 0, QuietPeriod);
    }

    [Fact]
    public async Task AWebhookForAnUnknownTenantIsNotFound()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var body = MetaPayloads.TextMessage(MetaPayloads.NewWaId(), MetaPayloads.NewMessageId(), "hi", MetaPayloads.Now);

        using var response = await tenant.SendWebhookAsync(body, tenantId: $"t-{Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ARepeatedDeliveryIsAcknowledgedAndRecordedOnce()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var user = MetaPayloads.NewWaId();
        var body = MetaPayloads.TextMessage(user, MetaPayloads.NewMessageId(), "hi there", MetaPayloads.Now);

        using var first = await tenant.SendWebhookAsync(body);
        using var retry = await tenant.SendWebhookAsync(body);

        await first.ExpectAsync(HttpStatusCode.OK);
        await retry.ExpectAsync(HttpStatusCode.OK);
        await tenant.Graph.WaitForAsync(posts => WhatsAppTenant.HasBothPrompts(posts, user), Poll.Patience);
        await tenant.SayAsync(user, WhatsAppTenant.Document);
        var handedOff = await Poll.UntilAsync(
            () => WhatsAppTenant.ListAsync(tenant.Admin, "view=all&status=open"),
            items => items.Length > 0,
            "the hand-off");
        var conversation = await WhatsAppTenant.ConversationAsync(tenant.Admin, ConversationJson.Id(Assert.Single(handedOff)));
        var history = ConversationJson.History(conversation);
        Assert.Single(history, entry => ConversationJson.String(entry, "from") == "user" && ConversationJson.String(entry, "text") == "hi there");
        Assert.Equal(WhatsAppTenant.Document, conversation.GetProperty("variables").GetProperty("document").GetString());
        Assert.Single(tenant.Graph.Posts, post => post.To == user && post.Text == KycFlow.Welcome);
    }

    [Fact]
    public async Task AMessageForAnotherPhoneNumberIdIsAcknowledgedAndIgnored()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var user = MetaPayloads.NewWaId();
        var messageId = MetaPayloads.NewMessageId();

        using var response = await tenant.SendWebhookAsync(MetaPayloads.TextMessage(user, messageId, "hi", MetaPayloads.Now, phoneNumberId: "109876543210987"));

        await response.ExpectAsync(HttpStatusCode.OK);
        await tenant.Graph.AssertNeverWithinAsync(posts => posts.Count > 0, QuietPeriod);
        Assert.Empty(await WhatsAppTenant.ListAsync(tenant.Admin, "view=all"));
        // The same message id to the channel's own number is new to the contact: the ignored one left no trace.
        using var ours = await tenant.SendWebhookAsync(MetaPayloads.TextMessage(user, messageId, "hi", MetaPayloads.Now));
        await ours.ExpectAsync(HttpStatusCode.OK);
        await tenant.Graph.WaitForAsync(posts => WhatsAppTenant.HasBothPrompts(posts, user), Poll.Patience);
    }
}
