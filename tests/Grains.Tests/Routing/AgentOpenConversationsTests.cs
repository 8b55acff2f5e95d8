using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Tests.Routing;

/// <summary>
/// An agent writes nothing when it takes a conversation: its open conversations are counted again from the
/// conversations' rows when it activates, and a member created again under a deleted member's id inherits none.
/// </summary>
[Collection(RoutingCollection.Name)]
public sealed class AgentOpenConversationsTests(RoutingCluster fixture)
{
    [Fact]
    public async Task AnAgentCountsItsOpenConversationsAgainAfterItIsDeactivated()
    {
        var tenant = await fixture.NewTenantAsync();
        var agentId = (await tenant.AgentsAsync(1, capacity: 3)).Single();
        var group = await tenant.GroupAsync(agentId);
        var owned = new List<ConversationSummary>();
        for (var i = 0; i < 3; i++)
        {
            owned.Add(await tenant.HandOffAsync(RotationMode.Available, group));
        }

        Assert.All(owned, conversation => Assert.Equal(agentId, conversation.OwnerId));
        Assert.Equal(ConversationOutcome.Ok, (await tenant.Conversation(owned[0].Id).CloseAsync(tenant.AgentCaller(agentId))).Outcome);

        await fixture.Cluster.DeactivateAsync(tenant.Agent(agentId));

        Assert.Equal(owned.Skip(1).Select(c => c.Id).Order(), (await tenant.Agent(agentId).ListConversationsAsync()).Select(c => c.ConversationId.Value).Order());
        Assert.Equal(AgentTake.AlreadyOwned, await tenant.Agent(agentId).TryTakeAsync(ConversationId.Parse(owned[1].Id), Eligibility.Available));
        // Two of three: one more fits, and then the capacity is full.
        Assert.Equal(agentId, (await tenant.HandOffAsync(RotationMode.Available, group)).OwnerId);
        Assert.Null((await tenant.HandOffAsync(RotationMode.Available, group)).OwnerId);
    }

    [Fact]
    public async Task AMemberCreatedAgainAfterADeleteOwnsNothingOfItsNamesake()
    {
        var tenant = await fixture.NewTenantAsync();
        var agentId = (await tenant.AgentsAsync(1)).Single();
        var group = await tenant.GroupAsync(agentId);
        var closed = await tenant.HandOffAsync(RotationMode.Available, group);
        Assert.Equal(ConversationOutcome.Ok, (await tenant.Conversation(closed.Id).CloseAsync(tenant.AgentCaller(agentId))).Outcome);
        var open = await tenant.HandOffAsync(RotationMode.Specific, group, agentId);
        Assert.Equal(agentId, open.OwnerId);

        Assert.True(await tenant.Member(agentId).DeleteAsync());
        await fixture.Cluster.DeactivateAsync(tenant.Agent(agentId));
        await tenant.AgentsAsync(1);

        Assert.Empty(await tenant.Agent(agentId).ListConversationsAsync());
        var mine = await tenant.Enter().GetGrain<IConversationListGrain>(tenant.Tenant.Value)
            .ListAsync(new ConversationQuery(tenant.AgentCaller(agentId), ConversationView.Mine, [], 50, null));
        Assert.Empty(mine!.Items);
        Assert.Null((await tenant.SummaryAsync(open.Id)).OwnerId);
    }
}
