using System.Net;
using System.Net.Http.Json;
using Truora.Tests;

namespace Truora.Api.Tests.EndToEnd;

[Collection(NodeCollection.Name)]
public sealed class FlowToAgentTests(InProcessNode node)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheFirstMessageGetsTheWelcomeAndTheQuestionThroughTheChannel()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var user = MetaPayloads.NewWaId();

        await tenant.SayAsync(user, "hi");

        var posts = await tenant.Graph.WaitForAsync(seen => WhatsAppTenant.HasBothPrompts(seen, user), Poll.Patience);
        Assert.Equal(2, posts.Count);
        // The flow step's prompts go to the sender as one job, posted one after another in the flow's order.
        string[] inFlowOrder = [KycFlow.Welcome, KycFlow.Question];
        Assert.Equal(inFlowOrder, posts.Select(post => post.Text).ToArray());
        Assert.All(posts, post =>
        {
            Assert.Equal($"/v21.0/{WhatsAppTenant.PhoneNumberId}/messages", post.Path);
            Assert.Equal($"Bearer {WhatsAppTenant.AccessToken}", post.Authorization);
            Assert.Equal(user, post.To);
            Assert.Equal("text", post.Type);
        });
    }

    [Fact]
    public async Task TheAnswerHandsTheConversationToTheFirstAgentWithTheWholeTranscript()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var user = MetaPayloads.NewWaId();
        await tenant.SayAsync(user, "hi");
        await tenant.Graph.WaitForAsync(posts => WhatsAppTenant.HasBothPrompts(posts, user), Poll.Patience);

        await tenant.SayAsync(user, WhatsAppTenant.Document);

        var mine = await Poll.UntilAsync(
            () => WhatsAppTenant.ListAsync(tenant.FirstAgent, "view=mine"),
            items => items.Length > 0,
            "the conversation in the first agent's list");
        var item = Assert.Single(mine);
        Assert.Equal("assigned", ConversationJson.String(item, "status"));
        Assert.Equal(tenant.FirstAgentId, ConversationJson.String(item, "ownerId"));
        Assert.Equal(WhatsAppTenant.GroupId, ConversationJson.String(item, "groupId"));
        Assert.Equal(user, ConversationJson.Phone(item));
        Assert.Empty(await WhatsAppTenant.ListAsync(tenant.SecondAgent, "view=mine"));
        var conversation = await WhatsAppTenant.ConversationAsync(tenant.FirstAgent, ConversationJson.Id(item));
        var transcript = ConversationJson.History(conversation)
            .Where(entry => ConversationJson.String(entry, "from") != "system")
            .Select(ConversationJson.Line)
            .ToArray();
        string[] expected =
        [
            "user: hi",
            $"bot@welcome: {KycFlow.Welcome}",
            $"bot@ask_doc: {KycFlow.Question}",
            $"user@ask_doc: {WhatsAppTenant.Document}",
        ];
        Assert.Equal(expected, transcript);
        Assert.Equal(WhatsAppTenant.Document, conversation.GetProperty("variables").GetProperty("document").GetString());
    }

    [Fact]
    public async Task TheAgentsReplyIsPostedToTheUser()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var user = MetaPayloads.NewWaId();
        var conversationId = await tenant.ReachAgentAsync(user);
        const string reply = "Hello, I'm Laura. Let me check your document.";

        using var response = await tenant.FirstAgent.PostAsJsonAsync($"/v1/conversations/{conversationId}/messages", new { text = reply }, Cancel);

        await response.ExpectAsync(HttpStatusCode.Accepted);
        var posts = await tenant.Graph.WaitForAsync(seen => seen.Any(post => post.Text == reply), Poll.Patience);
        var sent = Assert.Single(posts, post => post.Text == reply);
        Assert.Equal(user, sent.To);
        Assert.Equal($"Bearer {WhatsAppTenant.AccessToken}", sent.Authorization);
        var conversation = await WhatsAppTenant.ConversationAsync(tenant.FirstAgent, conversationId);
        var entry = ConversationJson.History(conversation).Last(candidate => ConversationJson.String(candidate, "from") == "agent");
        Assert.Equal(reply, ConversationJson.String(entry, "text"));
        Assert.Equal(tenant.FirstAgentId, ConversationJson.String(entry, "agentId"));
    }

    [Fact]
    public async Task DeliveryReportsMoveTheAgentsMessageForwardAndNeverBack()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var user = MetaPayloads.NewWaId();
        var conversationId = await tenant.ReachAgentAsync(user);
        const string reply = "Your document is being checked.";
        using var response = await tenant.FirstAgent.PostAsJsonAsync($"/v1/conversations/{conversationId}/messages", new { text = reply }, Cancel);
        await response.ExpectAsync(HttpStatusCode.Accepted);
        var posts = await tenant.Graph.WaitForAsync(seen => seen.Any(post => post.Text == reply && post.Succeeded), Poll.Patience);
        var wamid = posts.First(post => post.Text == reply && post.Succeeded).WhatsAppId!;
        await DeliveryBecomesAsync(tenant, conversationId, reply, "sent");

        using var delivered = await tenant.SendWebhookAsync(MetaPayloads.Status(user, wamid, "delivered"));
        await delivered.ExpectAsync(HttpStatusCode.OK);
        await DeliveryBecomesAsync(tenant, conversationId, reply, "delivered");
        using var lateSent = await tenant.SendWebhookAsync(MetaPayloads.Status(user, wamid, "sent"));
        await lateSent.ExpectAsync(HttpStatusCode.OK);

        var conversation = await WhatsAppTenant.ConversationAsync(tenant.FirstAgent, conversationId);
        Assert.Equal("delivered", ConversationJson.DeliveryOf(conversation, "agent", reply));
    }

    [Fact]
    public async Task ClosingResumesTheFlowAtTheConnectAgentBlocksNext()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var user = MetaPayloads.NewWaId();
        var conversationId = await tenant.ReachAgentAsync(user);

        using var response = await tenant.FirstAgent.PostAsync($"/v1/conversations/{conversationId}/close", null, Cancel);

        await response.ExpectAsync(HttpStatusCode.OK);
        var closed = await response.ReadJsonAsync();
        Assert.Equal("closed", ConversationJson.String(closed, "status"));
        Assert.Equal("agent", ConversationJson.String(closed, "closedReason"));
        var posts = await tenant.Graph.WaitForAsync(seen => seen.Any(post => post.Text == KycFlow.Resumed), Poll.Patience);
        Assert.Equal(user, Assert.Single(posts, post => post.Text == KycFlow.Resumed).To);
        Assert.DoesNotContain(posts, post => post.Text == KycFlow.Closed);
    }

    private static Task DeliveryBecomesAsync(WhatsAppTenant tenant, string conversationId, string text, string delivery) =>
        Poll.UntilAsync(
            () => WhatsAppTenant.ConversationAsync(tenant.FirstAgent, conversationId),
            conversation => ConversationJson.DeliveryOf(conversation, "agent", text) == delivery,
            $"the agent's message to be {delivery}");
}
