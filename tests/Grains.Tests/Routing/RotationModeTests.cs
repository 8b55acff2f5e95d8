using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Tests.Routing;

[Collection(RoutingCollection.Name)]
public sealed class RotationModeTests(RoutingCluster fixture)
{
    [Fact]
    public async Task AvailableRotationTakesTurnsAmongAvailableAgentsOnly()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(3);
        await tenant.Member(agents[1]).SetStatusAsync(AgentStatus.Unavailable);
        var group = await tenant.GroupAsync(agents);

        var owners = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            owners.Add((await tenant.HandOffAsync(RotationMode.Available, group)).OwnerId);
        }

        Assert.Equal(["a0", "a2", "a0", "a2"], owners);
    }

    [Fact]
    public async Task AllRotationIncludesUnavailableAgents()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(3, AgentStatus.Unavailable);
        var group = await tenant.GroupAsync(agents);

        var owners = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            owners.Add((await tenant.HandOffAsync(RotationMode.All, group)).OwnerId);
        }

        Assert.Equal(["a0", "a1", "a2", "a0", "a1", "a2"], owners);
    }

    [Fact]
    public async Task SpecificGoesToTheNamedAgentWhateverItsStatus()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(2, AgentStatus.Unavailable);
        var group = await tenant.GroupAsync(agents);

        var conversation = await tenant.HandOffAsync(RotationMode.Specific, group, agent: "a1");

        Assert.Equal(ConversationStatus.Assigned, conversation.Status);
        Assert.Equal("a1", conversation.OwnerId);
        Assert.Equal(group, conversation.GroupId);
    }

    [Fact]
    public async Task SpecificNamingNoMemberWaitsInTheGroupForAnAssignmentNotTheRotation()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(1);
        var group = await tenant.GroupAsync(agents);

        var conversation = await tenant.HandOffAsync(RotationMode.Specific, group, agent: "nobody");
        await tenant.GroupRouting(group).AgentFreedAsync(AgentId.Parse(agents[0]));
        var after = await tenant.ConversationRouting(conversation.Id).GetSummaryAsync();

        Assert.Equal(ConversationStatus.Waiting, conversation.Status);
        Assert.Equal(ConversationStatus.Waiting, after!.Status);
        Assert.Null(after.OwnerId);
        Assert.Equal([ConversationId.Parse(conversation.Id)], await tenant.GroupRouting(group).ListWaitingAsync());
    }

    [Fact]
    public async Task SpecificGoesToTheNamedAgentEvenWhenItsGroupIsGone()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(1, AgentStatus.Unavailable);

        var conversation = await tenant.HandOffAsync(RotationMode.Specific, "g-deleted", agent: agents[0]);

        Assert.Equal(ConversationStatus.Assigned, conversation.Status);
        Assert.Equal(agents[0], conversation.OwnerId);
    }

    [Fact]
    public async Task SpecificWhoseAgentIsDeletedRotatesAsAvailable()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(3);
        await tenant.Member(agents[0]).SetStatusAsync(AgentStatus.Unavailable);
        var group = await tenant.GroupAsync(agents);
        var conversation = await tenant.HandOffAsync(RotationMode.Specific, group, agent: agents[1]);

        await tenant.Member(agents[1]).DeleteAsync();
        var after = await tenant.ConversationRouting(conversation.Id).GetSummaryAsync();

        Assert.Equal(agents[1], conversation.OwnerId);
        Assert.Equal(ConversationStatus.Assigned, after!.Status);
        Assert.Equal(agents[2], after.OwnerId);
    }

    [Fact]
    public async Task NoneLeavesItWaitingInTheGroupForAClaim()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(2);
        var group = await tenant.GroupAsync(agents);

        var conversation = await tenant.HandOffAsync(RotationMode.None, group);
        var waiting = await tenant.GroupRouting(group).ListWaitingAsync();
        var claim = await tenant.Conversation(conversation.Id).AssignAsync(tenant.AgentCaller("a1"), AgentId.Parse("a1"));

        Assert.Equal(ConversationStatus.Waiting, conversation.Status);
        Assert.Null(conversation.OwnerId);
        Assert.Equal([ConversationId.Parse(conversation.Id)], waiting);
        Assert.Equal(ConversationOutcome.Ok, claim.Outcome);
        Assert.Equal("a1", claim.Conversation!.OwnerId);
        Assert.Empty(await tenant.GroupRouting(group).ListWaitingAsync());
    }

    [Fact]
    public async Task EveryAssignmentIsASystemEntryInTheHistory()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(2);
        var group = await tenant.GroupAsync(agents);
        var conversation = await tenant.HandOffAsync(RotationMode.Available, group);

        await tenant.Conversation(conversation.Id).AssignAsync(tenant.Admin, AgentId.Parse("a1"));
        var details = await tenant.Conversation(conversation.Id).GetAsync(tenant.Admin);

        var system = details!.History.Where(entry => entry.From is HistorySender.System).Select(entry => entry.Text).ToList();
        Assert.Contains(system, text => text.Contains("Assigned to a0", StringComparison.Ordinal));
        Assert.Contains(system, text => text.Contains("Transferred from a0 to a1", StringComparison.Ordinal));
        Assert.Equal("I need help", details.History[0].Text);
        Assert.Equal("123", details.Variables["document"]);
    }
}
