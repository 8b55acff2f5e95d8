using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Tests.Conversations;

/// <summary>An agent assigning a conversation to itself: only to itself, only in its groups, only while it waits.</summary>
[Collection(FakeClockCollection.Name)]
public sealed class ClaimRulesTests(FakeClockCluster fixture)
{
    [Fact]
    public async Task AnAgentMayNotClaimForSomeoneElse()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(2);
        var group = await tenant.GroupAsync(agents);
        var conversation = await tenant.HandOffAsync(RotationMode.None, group, at: fixture.Now);

        var reply = await tenant.Conversation(conversation.Id).AssignAsync(tenant.AgentCaller("a0"), AgentId.Parse("a1"));

        Assert.Equal(ConversationOutcome.Forbidden, reply.Outcome);
        Assert.Equal(ConversationStatus.Waiting, (await tenant.SummaryAsync(conversation.Id)).Status);
    }

    [Fact]
    public async Task AConversationOutsideTheAgentsGroupsCannotBeFound()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(2);
        var group = await tenant.GroupAsync(agents[0]);
        var conversation = await tenant.HandOffAsync(RotationMode.None, group, at: fixture.Now);

        var reply = await tenant.Conversation(conversation.Id).AssignAsync(tenant.AgentCaller("a1"), AgentId.Parse("a1"));

        Assert.Equal(ConversationOutcome.NotFound, reply.Outcome);
        Assert.Equal(ConversationStatus.Waiting, (await tenant.SummaryAsync(conversation.Id)).Status);
        Assert.Equal(0, await tenant.OpenCountAsync("a1"));
    }

    [Fact]
    public async Task AConversationSomeoneAlreadyOwnsIsAConflict()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(2);
        var group = await tenant.GroupAsync(agents);
        var conversation = await tenant.HandOffAsync(RotationMode.None, group, at: fixture.Now);
        var grain = tenant.Conversation(conversation.Id);

        var first = await grain.AssignAsync(tenant.AgentCaller("a0"), AgentId.Parse("a0"));
        var second = await grain.AssignAsync(tenant.AgentCaller("a1"), AgentId.Parse("a1"));

        Assert.Equal(ConversationOutcome.Ok, first.Outcome);
        Assert.Equal(ConversationOutcome.Conflict, second.Outcome);
        Assert.Equal("a0", (await tenant.SummaryAsync(conversation.Id)).OwnerId);
        Assert.Equal(0, await tenant.OpenCountAsync("a1"));
    }

    [Fact]
    public async Task AClosedConversationCannotBeClaimedBack()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(1);
        var group = await tenant.GroupAsync(agents);
        var conversation = await tenant.HandOffAsync(RotationMode.None, group, at: fixture.Now);
        var grain = tenant.Conversation(conversation.Id);
        await grain.AssignAsync(tenant.AgentCaller("a0"), AgentId.Parse("a0"));
        await grain.CloseAsync(tenant.AgentCaller("a0"));

        var reply = await grain.AssignAsync(tenant.AgentCaller("a0"), AgentId.Parse("a0"));

        Assert.Equal(ConversationOutcome.Conflict, reply.Outcome);
        Assert.Equal(ConversationStatus.Closed, (await tenant.SummaryAsync(conversation.Id)).Status);
    }
}
