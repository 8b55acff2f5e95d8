using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Tests.Conversations;

[Collection(FakeClockCollection.Name)]
public sealed class AdminAssignmentTests(FakeClockCluster fixture)
{
    [Fact]
    public async Task AssigningToAMemberThatDoesNotExistIsRefused()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(1);
        var group = await tenant.GroupAsync(agents);
        var conversation = await tenant.HandOffAsync(RotationMode.None, group, at: fixture.Now);

        var reply = await tenant.Conversation(conversation.Id).AssignAsync(tenant.Admin, AgentId.Parse("ghost"));

        Assert.Equal(ConversationOutcome.MemberNotFound, reply.Outcome);
        var after = await tenant.SummaryAsync(conversation.Id);
        Assert.Equal(ConversationStatus.Waiting, after.Status);
        Assert.Null(after.OwnerId);
    }

    [Fact]
    public async Task ATransferReleasesThePreviousOwnersCapacity()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(2);
        var group = await tenant.GroupAsync(agents);
        var conversation = await tenant.HandOffAsync(RotationMode.Specific, group, agent: "a0", at: fixture.Now);

        var reply = await tenant.Conversation(conversation.Id).AssignAsync(tenant.Admin, AgentId.Parse("a1"));

        Assert.Equal(ConversationOutcome.Ok, reply.Outcome);
        Assert.Equal("a1", reply.Conversation?.OwnerId);
        Assert.DoesNotContain(await tenant.Agent("a0").ListConversationsAsync(),
            entry => entry.ConversationId.Value == conversation.Id && entry.Status is ConversationStatus.Waiting or ConversationStatus.Assigned);
        Assert.Contains(await tenant.Agent("a1").ListConversationsAsync(),
            entry => entry.ConversationId.Value == conversation.Id && entry.Status is ConversationStatus.Assigned);
    }

    [Fact]
    public async Task AnAdminMayAssignAWaitingConversationToAnAgentOutsideItsGroup()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(2);
        var group = await tenant.GroupAsync(agents[0]);
        var conversation = await tenant.HandOffAsync(RotationMode.None, group, at: fixture.Now);

        var reply = await tenant.Conversation(conversation.Id).AssignAsync(tenant.Admin, AgentId.Parse("a1"));

        Assert.Equal(ConversationOutcome.Ok, reply.Outcome);
        Assert.Equal("a1", (await tenant.SummaryAsync(conversation.Id)).OwnerId);
        Assert.Empty(await tenant.GroupRouting(group).ListWaitingAsync());
    }
}
