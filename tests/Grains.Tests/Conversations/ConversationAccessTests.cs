using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Tests.Conversations;

/// <summary>What an agent who does not own a conversation may see (404 otherwise) and do (403 otherwise).</summary>
[Collection(FakeClockCollection.Name)]
public sealed class ConversationAccessTests(FakeClockCluster fixture)
{
    [Fact]
    public async Task AnotherAgentsConversationDoesNotExistForAnAgent()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(2);
        var group = await tenant.GroupAsync(agents);
        var conversation = await tenant.HandOffAsync(RotationMode.Specific, group, agent: "a0", at: fixture.Now);
        var grain = tenant.Conversation(conversation.Id);
        var outsider = tenant.AgentCaller("a1");

        Assert.Null(await grain.GetAsync(outsider));
        Assert.Equal(ConversationOutcome.NotFound, (await grain.SendAgentMessageAsync(outsider, "Hi")).Outcome);
        Assert.Equal(ConversationOutcome.NotFound, (await grain.CloseAsync(outsider)).Outcome);
        Assert.Equal(ConversationOutcome.NotFound, (await grain.FinishAsync(outsider)).Outcome);
        var after = await tenant.SummaryAsync(conversation.Id);
        Assert.Equal(ConversationStatus.Assigned, after.Status);
        Assert.Equal("a0", after.OwnerId);
    }

    [Fact]
    public async Task AnAgentOfTheGroupSeesAWaitingConversationButMayNotActOnIt()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(1);
        var group = await tenant.GroupAsync(agents);
        var conversation = await tenant.HandOffAsync(RotationMode.None, group, at: fixture.Now);
        var grain = tenant.Conversation(conversation.Id);
        var agent = tenant.AgentCaller("a0");

        var seen = await grain.GetAsync(agent);

        Assert.Equal(ConversationStatus.Waiting, seen?.Summary.Status);
        Assert.Equal(ConversationOutcome.Forbidden, (await grain.SendAgentMessageAsync(agent, "Hi")).Outcome);
        Assert.Equal(ConversationOutcome.Forbidden, (await grain.CloseAsync(agent)).Outcome);
        Assert.Equal(ConversationOutcome.Forbidden, (await grain.FinishAsync(agent)).Outcome);
        Assert.Equal(ConversationStatus.Waiting, (await tenant.SummaryAsync(conversation.Id)).Status);
    }

    [Fact]
    public async Task AWaitingConversationOfAnotherGroupDoesNotExistForAnAgent()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(2);
        var group = await tenant.GroupAsync(agents[0]);
        await tenant.GroupAsync(agents[1]);
        var conversation = await tenant.HandOffAsync(RotationMode.None, group, at: fixture.Now);

        Assert.Null(await tenant.Conversation(conversation.Id).GetAsync(tenant.AgentCaller("a1")));
        Assert.NotNull(await tenant.Conversation(conversation.Id).GetAsync(tenant.Admin));
    }
}
