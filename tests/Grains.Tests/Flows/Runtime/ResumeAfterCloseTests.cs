using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Tests.Tenants;
using Truora.Tests;

namespace Truora.Grains.Tests.Flows.Runtime;

/// <summary>
/// An agent's close sends the user on at the hand-off's <c>next</c>; an expiry ends the chat quietly, so the user's
/// next message starts the channel's default flow from its start.
/// </summary>
[Collection(FlowRuntimeCollection.Name)]
public sealed class ResumeAfterCloseTests(FlowRuntimeCluster fixture)
{
    private const string Welcome = "bot(welcome): Hi! Let's verify you.";
    private const string AskDocument = "bot(ask_doc): Your document number?";

    [Fact]
    public async Task AfterTheAgentClosesTheFlowAsksTheNextQuestionAndTheReplyOpensASecondConversation()
    {
        var (tenant, user, first) = await HandedOffAsync();

        var closed = await tenant.Conversation(first.Id).CloseAsync(tenant.AgentCaller("a0"));
        await user.SaysAsync("5");
        var conversations = await tenant.ConversationsWithAsync(user.Phone);
        var second = Assert.Single(conversations, conversation => conversation.Id != first.Id);
        var details = await tenant.DetailsAsync(second.Id);

        Assert.Equal(ConversationOutcome.Ok, closed.Outcome);
        Assert.Equal(ClosedReason.Agent, Assert.Single(conversations, conversation => conversation.Id == first.Id).ClosedReason);
        Assert.Equal(["bot(ask_rating): How would you rate the help you got?", "user: 5"], details.Lines());
        Assert.Equal("1020304050", Assert.Contains("document", details.Variables));
        Assert.Equal("5", Assert.Contains("rating", details.Variables));
        Assert.DoesNotContain("user: 5", (await tenant.DetailsAsync(first.Id)).Lines());
    }

    [Fact]
    public async Task AfterAnExpiryReportTheFlowDoesNotResumeAndTheNextMessageStartsTheDefaultFlow()
    {
        var (tenant, user, first) = await HandedOffAsync();

        // What the conversation tells its contact when it expires. The fake clock cannot fire the expiry (its timer
        // runs on the real clock), and an agent's close first would resume the flow and make this report stale.
        await tenant.Contact(user.Phone).HandoffEndedAsync(ConversationId.Parse(first.Id), ClosedReason.Expired);
        await user.SaysAsync("hello again");
        await user.SaysAsync("5060708090");
        var second = Assert.Single(await tenant.ConversationsWithAsync(user.Phone), conversation => conversation.Id != first.Id);
        var details = await tenant.DetailsAsync(second.Id);

        Assert.Equal(["user: hello again", Welcome, AskDocument, "user: 5060708090"], details.Lines());
        Assert.Equal("5060708090", Assert.Contains("document", details.Variables));
        Assert.DoesNotContain("rating", details.Variables.Keys);
        Assert.DoesNotContain("user: hello again", (await tenant.DetailsAsync(first.Id)).Lines());
    }

    [Fact]
    public async Task AfterTheConversationExpiresTheNextMessageStartsTheDefaultFlow()
    {
        var (tenant, user, first) = await HandedOffAsync();

        fixture.MoveTo(first.ExpiresAt + TimeSpan.FromMinutes(1));
        // A fresh activation times its expiry from the fake clock, which is now past it.
        await fixture.Cluster.DeactivateAsync(tenant.ConversationRouting(first.Id));
        var expired = await Poll.UntilAsync(
            () => tenant.SummaryAsync(first.Id), summary => summary.Status is ConversationStatus.Closed, "the expired conversation to close", TimeSpan.FromSeconds(15));
        await user.SaysAsync("hello again");
        await user.SaysAsync("5060708090");
        var second = Assert.Single(await tenant.ConversationsWithAsync(user.Phone), conversation => conversation.Id != first.Id);

        Assert.Equal(ClosedReason.Expired, expired.ClosedReason);
        Assert.Equal(["user: hello again", Welcome, AskDocument, "user: 5060708090"], (await tenant.DetailsAsync(second.Id)).Lines());
    }

    /// <summary>A new tenant whose user went through the flow to its first hand-off, assigned to agent a0.</summary>
    private async Task<(TenantScope Tenant, WhatsAppUser User, ConversationSummary First)> HandedOffAsync()
    {
        var tenant = await fixture.NewTenantAsync("America/Bogota");
        var group = await tenant.GroupAsync(await tenant.AgentsAsync(1));
        await tenant.SaveFlowAsync("kyc", Kyc(group));
        await tenant.UseChannelAsync(defaultFlowId: "kyc");
        var user = new WhatsAppUser(fixture, tenant, "573005550101");
        await user.SaysAsync("hi");
        await user.SaysAsync("1020304050");
        var first = Assert.Single(await tenant.ConversationsWithAsync(user.Phone));
        Assert.Equal("a0", first.OwnerId);
        Assert.Equal(["user: hi", Welcome, AskDocument, "user: 1020304050"], (await tenant.DetailsAsync(first.Id)).Lines());
        return (tenant, user, first);
    }

    private static string Kyc(string group) => $$"""
        {
          "name": "KYC with a rating",
          "expiresAfter": "PT2H",
          "start": "welcome",
          "blocks": [
            {"id": "welcome", "type": "message", "text": "Hi! Let's verify you.", "next": "ask_doc"},
            {"id": "ask_doc", "type": "question", "text": "Your document number?", "variable": "document", "next": "human"},
            {"id": "human", "type": "connect_agent", "crm": "truora_conversations",
             "assign": {"mode": "available", "groupId": "{{group}}"}, "next": "ask_rating"},
            {"id": "ask_rating", "type": "question", "text": "How would you rate the help you got?", "variable": "rating", "next": "human_again"},
            {"id": "human_again", "type": "connect_agent", "crm": "truora_conversations",
             "assign": {"mode": "available", "groupId": "{{group}}"}, "next": null}
          ]
        }
        """;
}
