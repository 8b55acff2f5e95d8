using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Tests.Routing;

/// <summary>
/// An agent's own conversation index is stored in slices apart from the member: every slice must come back after
/// the agent is deactivated, and deleting the member must not leave its conversations for a member of the same id.
/// </summary>
[Collection(RoutingCollection.Name)]
public sealed class AgentIndexTests(RoutingCluster fixture)
{
    [Fact]
    public async Task EveryConversationIsReadBackAfterTheAgentIsDeactivated()
    {
        var tenant = await fixture.NewTenantAsync();
        var agentId = (await tenant.AgentsAsync(1)).Single();
        var agent = tenant.Agent(agentId);
        var ids = Enumerable.Range(0, 100).Select(i => $"c{i:D3}").ToArray();
        var takes = await Task.WhenAll(ids.Select(id => agent.TryTakeAsync(id, requireAvailable: true, respectCapacity: true)));
        Assert.All(takes, take => Assert.Equal(AgentTake.Taken, take));
        var finishedAt = DateTimeOffset.UtcNow.AddMinutes(1);
        await agent.TrackAsync(new AgentConversation(ids[3], ConversationStatus.Finished, finishedAt));
        await agent.ReleaseAsync(ids[4]);

        await fixture.Cluster.DeactivateAsync(agent);
        var listed = await agent.ListConversationsAsync();

        Assert.Equal(ids.Where(id => id != ids[4]).Order(), listed.Select(c => c.ConversationId).Order());
        Assert.Equal(new AgentConversation(ids[3], ConversationStatus.Finished, finishedAt), listed.Single(c => c.ConversationId == ids[3]));
        Assert.Equal(98, await tenant.OpenCountAsync(agentId));
        Assert.Equal(AgentTake.AlreadyOwned, await agent.TryTakeAsync(ids[0], requireAvailable: true, respectCapacity: true));
    }

    [Fact]
    public async Task AMemberCreatedAgainAfterADeleteStartsWithAnEmptyIndexItCanWrite()
    {
        var tenant = await fixture.NewTenantAsync();
        var agentId = (await tenant.AgentsAsync(1)).Single();
        var agent = tenant.Agent(agentId);
        Assert.Equal(AgentTake.Taken, await agent.TryTakeAsync("c-before", requireAvailable: true, respectCapacity: true));
        Assert.True(await tenant.Member(agentId).DeleteAsync());
        await fixture.Cluster.DeactivateAsync(agent);

        await tenant.AgentsAsync(1);
        Assert.Empty(await agent.ListConversationsAsync());
        Assert.Equal(AgentTake.Taken, await agent.TryTakeAsync("c-after", requireAvailable: true, respectCapacity: true));
        await fixture.Cluster.DeactivateAsync(agent);

        Assert.Equal(["c-after"], (await agent.ListConversationsAsync()).Select(c => c.ConversationId));
    }
}
