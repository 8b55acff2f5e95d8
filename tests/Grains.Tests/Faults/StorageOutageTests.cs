using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.WhatsApp;
using Truora.Grains.Tests.Flows.Runtime;
using Truora.Grains.Tests.Routing;

namespace Truora.Grains.Tests.Faults;

/// <summary>
/// A message whose delivery failed because storage was down is taken afresh when Meta delivers it again: nothing of
/// the failed attempt may make the retry look like a duplicate. Checked on fresh activations, which know only what
/// storage holds.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class StorageOutageTests(OutageCluster fixture)
{
    private const string AskDocument = """
        {"name": "Ask", "start": "ask", "blocks": [
          {"id": "ask", "type": "question", "text": "Your document?", "variable": "document", "next": "human"},
          {"id": "human", "type": "connect_agent", "crm": "truora_conversations", "assign": {"mode": "available", "groupId": "GROUP"}, "next": null}
        ]}
        """;

    [Fact]
    public async Task AnAnswerRefusedDuringAnOutageIsRecordedOnceWhenDeliveredAgain()
    {
        var (tenant, phone) = await UserAtTheQuestionAsync();
        var answer = Message(phone, "1020304050");

        fixture.Outage.Begin();
        await Assert.ThrowsAnyAsync<Exception>(() => tenant.Contact(phone).ReceiveAsync(answer, channel: null));
        fixture.Outage.End();
        await tenant.Contact(phone).ReceiveAsync(answer, channel: null);

        var details = await OnlyConversationReadBackAsync(tenant, phone);
        Assert.Single(details.History, entry => entry.MessageId == answer.MessageId);
        Assert.Equal("1020304050", details.Variables["document"]);
    }

    [Fact]
    public async Task AChatMessageRefusedDuringAnOutageIsRecordedOnceWhenDeliveredAgain()
    {
        var (tenant, phone) = await UserAtTheQuestionAsync();
        await tenant.Contact(phone).ReceiveAsync(Message(phone, "1020304050"), channel: null);
        var message = Message(phone, "Is anyone there?");

        fixture.Outage.Begin();
        await Assert.ThrowsAnyAsync<Exception>(() => tenant.Contact(phone).ReceiveAsync(message, channel: null));
        fixture.Outage.End();
        await tenant.Contact(phone).ReceiveAsync(message, channel: null);

        var details = await OnlyConversationReadBackAsync(tenant, phone);
        Assert.Single(details.History, entry => entry.MessageId == message.MessageId);
    }

    [Fact]
    public async Task ARetryWhileTheFirstDeliveryIsStillFailingIsNotTakenForADuplicate()
    {
        var (tenant, phone) = await UserAtTheQuestionAsync();
        await tenant.Contact(phone).ReceiveAsync(Message(phone, "1020304050"), channel: null);
        var message = Message(phone, "Hello?");

        fixture.Outage.Begin();
        await Assert.ThrowsAnyAsync<Exception>(() => tenant.Contact(phone).ReceiveAsync(message, channel: null));
        // Meta retries at once, the database still down: no 200 for a message storage does not hold.
        await Assert.ThrowsAnyAsync<Exception>(() => tenant.Contact(phone).ReceiveAsync(message, channel: null));
        fixture.Outage.End();
        await tenant.Contact(phone).ReceiveAsync(message, channel: null);

        var details = await OnlyConversationReadBackAsync(tenant, phone);
        Assert.Single(details.History, entry => entry.MessageId == message.MessageId);
    }

    private async Task<(TenantScope Tenant, string Phone)> UserAtTheQuestionAsync()
    {
        var tenant = await fixture.NewTenantAsync();
        var group = await tenant.GroupAsync(await tenant.AgentsAsync(1));
        await tenant.SaveFlowAsync("ask", AskDocument.Replace("GROUP", group, StringComparison.Ordinal));
        await tenant.UseChannelAsync(defaultFlowId: "ask");
        var phone = "5730" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await tenant.Contact(phone).ReceiveAsync(Message(phone, "hi"), channel: null);
        return (tenant, phone);
    }

    /// <summary>The user's one conversation as storage holds it: the contact and the conversation are deactivated first.</summary>
    private async Task<ConversationDetails> OnlyConversationReadBackAsync(TenantScope tenant, string phone)
    {
        var conversation = Assert.Single(await tenant.ConversationsWithAsync(phone));
        await fixture.Cluster.DeactivateAsync(tenant.Contact(phone));
        await fixture.Cluster.DeactivateAsync(tenant.Conversation(conversation.Id));
        return await tenant.DetailsAsync(conversation.Id);
    }

    private static InboundMessage Message(string phone, string text) =>
        new("wamid." + Guid.NewGuid().ToString("N"), phone, "Ana", DateTimeOffset.UtcNow, text, InboundMessageKinds.Text);
}
