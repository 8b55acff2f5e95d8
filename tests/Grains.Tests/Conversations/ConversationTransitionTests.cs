using Truora.Grains.Conversations;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;
using Truora.Tests;

namespace Truora.Grains.Tests.Conversations;

[Collection(FakeClockCollection.Name)]
public sealed class ConversationTransitionTests(FakeClockCluster fixture)
{
    [Fact]
    public async Task AClosedConversationRefusesMessagesAnotherCloseAndAFinish()
    {
        var tenant = await fixture.NewTenantAsync();
        await tenant.AgentsAsync(1);
        var owner = tenant.AgentCaller("a0");
        var conversation = await tenant.HandOffAsync(RotationMode.Specific, agent: "a0", at: fixture.Now);
        var grain = tenant.Conversation(conversation.Id);

        var closed = await grain.CloseAsync(owner);
        var message = await grain.SendAgentMessageAsync(owner, "One more thing");
        var secondClose = await grain.CloseAsync(owner);
        var finish = await grain.FinishAsync(owner);
        var after = await tenant.SummaryAsync(conversation.Id);

        Assert.Equal(ConversationOutcome.Ok, closed.Outcome);
        Assert.Equal(ConversationStatus.Closed, after.Status);
        Assert.Equal(ClosedReason.Agent, after.ClosedReason);
        Assert.Equal(fixture.Now, after.ClosedAt);
        Assert.Equal(ConversationOutcome.Conflict, message.Outcome);
        Assert.Equal(ConversationOutcome.Conflict, secondClose.Outcome);
        Assert.Equal(ConversationOutcome.Conflict, finish.Outcome);
        Assert.Equal(ConversationStatus.Closed, (await tenant.SummaryAsync(conversation.Id)).Status);
    }

    [Fact]
    public async Task AFinishEndsItWithTheFinishNoticeAsABotEntry()
    {
        var tenant = await fixture.NewTenantAsync();
        await tenant.AgentsAsync(1);
        var conversation = await tenant.HandOffAsync(RotationMode.Specific, agent: "a0", at: fixture.Now);

        var finished = await tenant.Conversation(conversation.Id).FinishAsync(tenant.AgentCaller("a0"));
        var after = await tenant.SummaryAsync(conversation.Id);
        var ending = (await tenant.HistoryAsync(conversation.Id)).TakeLast(2).ToList();

        Assert.Equal(ConversationOutcome.Ok, finished.Outcome);
        Assert.Equal(ConversationStatus.Finished, after.Status);
        Assert.Null(after.ClosedReason);
        Assert.Contains(ending, entry => entry.From is HistorySender.Bot && entry.Text == new ConversationOptions().DefaultFinishMessage);
        Assert.Contains(ending, entry => entry.From is HistorySender.System && entry.Text.Contains("Finished by a0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFinishedConversationRefusesMessagesAndAClose()
    {
        var tenant = await fixture.NewTenantAsync();
        await tenant.AgentsAsync(1);
        var owner = tenant.AgentCaller("a0");
        var conversation = await tenant.HandOffAsync(RotationMode.Specific, agent: "a0", at: fixture.Now);
        var grain = tenant.Conversation(conversation.Id);
        await grain.FinishAsync(owner);

        Assert.Equal(ConversationOutcome.Conflict, (await grain.SendAgentMessageAsync(owner, "Wait")).Outcome);
        Assert.Equal(ConversationOutcome.Conflict, (await grain.CloseAsync(owner)).Outcome);
        Assert.Equal(ConversationStatus.Finished, (await tenant.SummaryAsync(conversation.Id)).Status);
    }

    [Fact]
    public async Task ClosingFreesCapacityForTheOldestWaitingConversation()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(1, capacity: 1);
        var group = await tenant.GroupAsync(agents);
        var first = await tenant.HandOffAsync(RotationMode.Available, group, at: fixture.Now);
        var second = await tenant.HandOffAsync(RotationMode.Available, group, at: fixture.Now);
        Assert.Equal("a0", first.OwnerId);
        Assert.Equal(ConversationStatus.Waiting, second.Status);

        await tenant.Conversation(first.Id).CloseAsync(tenant.AgentCaller("a0"));
        var handed = await Poll.UntilAsync(
            () => tenant.SummaryAsync(second.Id), s => s.Status is ConversationStatus.Assigned, "the waiting conversation to be handed to the freed agent");

        Assert.Equal("a0", handed.OwnerId);
        Assert.Equal(1, await tenant.OpenCountAsync("a0"));
        Assert.Empty(await tenant.GroupRouting(group).ListWaitingAsync());
    }
}
