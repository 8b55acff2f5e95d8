using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.WhatsApp;
using Truora.Grains.Tests.Flows.Runtime;
using Truora.Grains.Tests.Tenants;
using Truora.Tests;

namespace Truora.Grains.Tests.Faults;

/// <summary>
/// A message whose delivery failed because storage was down is taken afresh when Meta delivers it again: nothing of
/// the failed attempt may make the retry look like a duplicate, and a retry may be acknowledged only once a write that
/// holds the message has committed. Checked on fresh activations, which know only what storage holds.
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
        await AssertFailsForTheDatabaseAsync(tenant.Contact(phone).ReceiveAsync(answer, channel: null));
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
        await AssertFailsForTheDatabaseAsync(tenant.Contact(phone).ReceiveAsync(message, channel: null));
        fixture.Outage.End();
        await tenant.Contact(phone).ReceiveAsync(message, channel: null);

        var details = await OnlyConversationReadBackAsync(tenant, phone);
        Assert.Single(details.History, entry => entry.MessageId == message.MessageId);
    }

    [Fact]
    public async Task ARetryArrivingWhileTheFirstWriteIsInFlightWaitsForItAndFailsWithIt()
    {
        var (tenant, phone) = await UserAtTheQuestionAsync();
        await tenant.Contact(phone).ReceiveAsync(Message(phone, "1020304050"), channel: null);
        var conversation = Assert.Single(await tenant.ConversationsWithAsync(phone));
        var routing = tenant.Enter().GetGrain<IConversationRoutingGrain>(EntityId.Key(tenant.Tenant, conversation.Id));
        var message = Message(phone, "Hello?");

        fixture.Outage.HoldWrites();
        var first = routing.AppendUserMessageAsync(message);
        await Poll.UntilAsync(() => Task.FromResult(fixture.Outage.WritesWaiting), waiting => waiting > 0, "the first write to be held by the outage");
        // Meta retries while the first delivery's write is still on its way: the conversation already holds the
        // message in memory, and must not answer for it before storage does.
        var retry = routing.AppendUserMessageAsync(message);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.False(retry.IsCompleted, "A retry was answered while the write that holds its message was still in flight.");
        fixture.Outage.ReleaseWrites(fail: true);

        await Assert.ThrowsAnyAsync<Exception>(() => first);
        await Assert.ThrowsAnyAsync<Exception>(() => retry);
        await tenant.Contact(phone).ReceiveAsync(message, channel: null);
        var details = await OnlyConversationReadBackAsync(tenant, phone);
        Assert.Single(details.History, entry => entry.MessageId == message.MessageId);
    }

    [Fact]
    public async Task AStateStoredWithoutItsRowIsPutRightByTheNextActivation()
    {
        var tenant = await fixture.NewTenantAsync();
        var group = await tenant.GroupAsync(await tenant.AgentsAsync(1));
        var conversation = await tenant.HandOffAsync(Interfaces.Routing.RotationMode.Available, group);
        Assert.Equal("a0", conversation.OwnerId);

        // The close's state write commits and its records commit fails: the call fails, the row still says assigned.
        fixture.RecordsOutage.Begin();
        await AssertFailsForTheDatabaseAsync(tenant.Conversation(conversation.Id).CloseAsync(tenant.Admin));
        fixture.RecordsOutage.End();
        Assert.Equal(ConversationStatus.Assigned, (await ListedAsync(tenant, conversation.Id)).Status);

        // Whatever wakes the conversation next (here a read) finds its row behind its state and rewrites it first.
        Assert.Equal(ConversationStatus.Closed, (await tenant.DetailsAsync(conversation.Id)).Summary.Status);
        Assert.Equal(ConversationStatus.Closed, (await ListedAsync(tenant, conversation.Id)).Status);
        await fixture.Cluster.DeactivateAsync(tenant.Agent("a0"));
        Assert.Empty(await tenant.Agent("a0").ListConversationsAsync());
    }

    private static async Task<ConversationSummary> ListedAsync(TenantScope tenant, string id)
    {
        var page = await tenant.Enter().GetGrain<IConversationListGrain>(tenant.Tenant.Value)
            .ListAsync(new ConversationQuery(tenant.Admin, ConversationView.All, [], 50, null));
        return Assert.Single(page!.Items, item => item.Id == id);
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

    /// <summary>The call fails, and for the reason the test gave it: the database went away.</summary>
    internal static async Task AssertFailsForTheDatabaseAsync(Task call)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => call);
        for (Exception? cause = failure; cause is not null; cause = cause.InnerException)
        {
            if (cause is UnreachableWhenDownStorage.DatabaseDownException)
            {
                return;
            }
        }

        Assert.Fail($"The call failed, but not because the database was down: {failure}");
    }

    private static InboundMessage Message(string phone, string text) =>
        new("wamid." + Guid.NewGuid().ToString("N"), phone, "Ana", DateTimeOffset.UtcNow, text, InboundMessageKinds.Text);
}
