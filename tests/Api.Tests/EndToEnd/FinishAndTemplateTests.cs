using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Truora.Tests;

namespace Truora.Api.Tests.EndToEnd;

[Collection(NodeCollection.Name)]
public sealed class FinishAndTemplateTests(InProcessNode node)
{
    private const string Template = "welcome_back";
    private const string TemplateBody = "Hi {{1}}, we are back";

    private static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(1);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFinishedUserGetsTheFinishMessageAndOnlyAnAnsweredTemplateOpensANewConversation()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var user = MetaPayloads.NewWaId();
        var finishedId = await tenant.ReachAgentAsync(user);

        using var finish = await tenant.FirstAgent.PostAsync($"/v1/conversations/{finishedId}/finish", null, Cancel);

        await finish.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("finished", ConversationJson.String(await finish.ReadJsonAsync(), "status"));
        await tenant.Graph.WaitForAsync(posts => posts.Any(post => post.To == user && post.Text == WhatsAppTenant.FinishMessage), Poll.Patience);

        var postsBefore = tenant.Graph.Posts.Count;
        await tenant.SayAsync(user, "Hello? Is anyone there?");
        await tenant.Graph.AssertNeverWithinAsync(posts => posts.Count > postsBefore, QuietPeriod);
        var all = await WhatsAppTenant.ListAsync(tenant.Admin, "view=all");
        Assert.Equal(finishedId, ConversationJson.Id(Assert.Single(all)));
        using var refused = await tenant.FirstAgent.PostAsJsonAsync($"/v1/conversations/{finishedId}/messages", new { text = "Still there?" }, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        await tenant.Http.PutTemplateAsync(Template, "es", TemplateBody, approved: true);
        using var outbound = await tenant.FirstAgent.PostAsJsonAsync(
            $"/v1/contacts/+{user}/outbound", new { template = Template, language = "es", parameters = new[] { "Ana" } }, Cancel);
        await outbound.ExpectAsync(HttpStatusCode.Accepted);
        var sent = await tenant.Graph.WaitForAsync(posts => posts.Any(post => post.To == user && post.Type == "template"), Poll.Patience);
        var template = Assert.Single(sent, post => post.To == user && post.Type == "template").Body.GetProperty("template");
        Assert.Equal(Template, template.GetProperty("name").GetString());
        Assert.Equal("es", template.GetProperty("language").GetProperty("code").GetString());
        Assert.Equal("Ana", template.GetProperty("components")[0].GetProperty("parameters")[0].GetProperty("text").GetString());

        await tenant.SayAsync(user, "Yes, I'm back");
        var reopened = await Poll.UntilAsync(
            () => WhatsAppTenant.ListAsync(tenant.FirstAgent, "view=mine&status=open"),
            items => items.Length > 0,
            "a new conversation owned by the template's sender");
        var item = Assert.Single(reopened);
        Assert.NotEqual(finishedId, ConversationJson.Id(item));
        Assert.Equal("assigned", ConversationJson.String(item, "status"));
        Assert.Equal(tenant.FirstAgentId, ConversationJson.String(item, "ownerId"));
        var conversation = await WhatsAppTenant.ConversationAsync(tenant.FirstAgent, ConversationJson.Id(item));
        var lines = ConversationJson.History(conversation).Select(ConversationJson.Line).ToArray();
        Assert.Contains("bot: Hi Ana, we are back", lines);
        Assert.Contains("user: Yes, I'm back", lines);
    }

    [Theory]
    [InlineData("""{"template":"no_such_template","language":"es","parameters":["Ana"]}""", "template")]
    [InlineData("""{"template":"draft_offer","language":"es","parameters":["Ana"]}""", "template")]
    [InlineData("""{"template":"welcome_back","language":"en","parameters":["Ana"]}""", "language")]
    [InlineData("""{"template":"welcome_back","language":"es","parameters":[]}""", "parameters")]
    [InlineData("""{"template":"welcome_back","language":"es","parameters":["Ana","again"]}""", "parameters")]
    public async Task AnUnknownUnapprovedOrMismatchedTemplateIsRefused(string body, string field)
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        await tenant.Http.PutTemplateAsync(Template, "es", TemplateBody, approved: true);
        await tenant.Http.PutTemplateAsync("draft_offer", "es", "Our offer for {{1}}", approved: false);

        using var response = await tenant.FirstAgent.PostAsync(
            $"/v1/contacts/+{MetaPayloads.NewWaId()}/outbound", new StringContent(body, Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.ErrorFieldsAsync());
        Assert.Empty(tenant.Graph.Posts);
    }

    [Fact]
    public async Task ATemplateFilledPastWhatWhatsAppTakesIsRefusedNamingTheParameters()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        await tenant.Http.PutTemplateAsync("five_slots", "es", "{{1}} {{2}} {{3}} {{4}} {{5}}", approved: true);
        var parameters = Enumerable.Repeat(new string('x', 1000), 5);

        using var response = await tenant.FirstAgent.PostAsJsonAsync(
            $"/v1/contacts/+{MetaPayloads.NewWaId()}/outbound", new { template = "five_slots", language = "es", parameters }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("parameters", await response.ErrorFieldsAsync());
        Assert.Empty(tenant.Graph.Posts);
    }

    [Fact]
    public async Task ASecondFinishByTheSameAgentRightAwayIsCoolingDown()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var firstId = await tenant.ReachAgentAsync(MetaPayloads.NewWaId());
        var secondId = await tenant.ReachAgentAsync(MetaPayloads.NewWaId());
        using var transfer = await tenant.Admin.PostAsJsonAsync($"/v1/conversations/{secondId}/assign", new { agentId = tenant.FirstAgentId }, Cancel);
        await transfer.ExpectAsync(HttpStatusCode.OK);
        using var finish = await tenant.FirstAgent.PostAsync($"/v1/conversations/{firstId}/finish", null, Cancel);
        await finish.ExpectAsync(HttpStatusCode.OK);

        using var again = await tenant.FirstAgent.PostAsync($"/v1/conversations/{secondId}/finish", null, Cancel);

        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        var retryAfter = Assert.Single(again.Headers.GetValues("Retry-After"));
        Assert.True(int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds), $"Retry-After is '{retryAfter}'.");
        Assert.InRange(seconds, 1, 300);
        var second = await WhatsAppTenant.ConversationAsync(tenant.FirstAgent, secondId);
        Assert.Equal("assigned", ConversationJson.String(second, "status"));
    }
}
