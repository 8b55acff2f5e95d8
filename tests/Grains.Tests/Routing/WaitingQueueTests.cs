using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Tests.Tenants;
using Truora.Tests;

namespace Truora.Grains.Tests.Routing;

[Collection(RoutingCollection.Name)]
public sealed class WaitingQueueTests(RoutingCluster fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task WithNobodyAvailableItWaitsThenGoesToTheNextAgentToBecomeAvailableOldestFirst()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(2, AgentStatus.Unavailable, capacity: 1);
        var group = await tenant.GroupAsync(agents);
        var first = await tenant.HandOffAsync(RotationMode.Available, group);
        var second = await tenant.HandOffAsync(RotationMode.Available, group);
        var third = await tenant.HandOffAsync(RotationMode.Available, group);

        Assert.All([first, second, third], conversation => Assert.Equal(ConversationStatus.Waiting, conversation.Status));
        Assert.Equal([.. new[] { first.Id, second.Id, third.Id }.Select(ConversationId.Parse)], await tenant.GroupRouting(group).ListWaitingAsync());

        await tenant.Member("a1").SetStatusAsync(AgentStatus.Available);
        Assert.Equal("a1", (await tenant.SummaryAsync(first.Id)).OwnerId);
        Assert.Equal(ConversationStatus.Waiting, (await tenant.SummaryAsync(second.Id)).Status);

        await tenant.Conversation(first.Id).CloseAsync(tenant.AgentCaller("a1"));
        await Poll.UntilAsync(() => tenant.SummaryAsync(second.Id), summary => summary.OwnerId == "a1", "the second conversation to go to a1", Patience);
        Assert.Equal(ConversationStatus.Waiting, (await tenant.SummaryAsync(third.Id)).Status);

        await tenant.Member("a0").SetStatusAsync(AgentStatus.Available);
        Assert.Equal("a0", (await tenant.SummaryAsync(third.Id)).OwnerId);
        Assert.Empty(await tenant.GroupRouting(group).ListWaitingAsync());
    }

    [Fact]
    public async Task OffersThatFallThroughGiveTheAgentBackWithoutAnyGroupWaitingOnItself()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(1, AgentStatus.Unavailable);
        string[] groups = [await tenant.GroupAsync(agents), await tenant.GroupAsync(agents)];
        // Tickets whose conversations no longer wait (here: never opened), so each drain's offer falls through and
        // it gives back the agent it took, from inside the drain that the agent's own status change started.
        foreach (var group in groups)
        {
            await tenant.GroupRouting(group).HandOffAsync(new HandoffTicket(ConversationId.Parse("c-gone-" + group), RotationMode.Available, DateTimeOffset.UtcNow));
        }

        // Far under the 30-second call timeout a group waiting on itself would take to fail.
        await tenant.Member(agents[0]).SetStatusAsync(AgentStatus.Available).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        foreach (var group in groups)
        {
            Assert.Empty(await tenant.GroupRouting(group).ListWaitingAsync());
        }

        Assert.Equal(0, await tenant.OpenCountAsync(agents[0]));
    }

    [Fact]
    public async Task CapacityIsNeverExceededUnderConcurrentHandoffs()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(3, capacity: 2);
        var group = await tenant.GroupAsync(agents);

        var opened = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => tenant.HandOffAsync(RotationMode.Available, group)));

        Assert.Equal(6, opened.Count(conversation => conversation.Status is ConversationStatus.Assigned));
        Assert.Equal(14, opened.Count(conversation => conversation.Status is ConversationStatus.Waiting));
        foreach (var agent in agents)
        {
            Assert.Equal(2, await tenant.OpenCountAsync(agent));
        }

        Assert.Equal(14, (await tenant.GroupRouting(group).ListWaitingAsync()).Count);
    }

    [Fact]
    public async Task ConversationsWaitingInADeletedGroupStayVisibleToAdminsAsUnassigned()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(1, AgentStatus.Unavailable);
        var group = await tenant.GroupAsync(agents);
        var waiting = await tenant.HandOffAsync(RotationMode.Available, group);

        Assert.True(await tenant.Group(group).DeleteAsync());
        await tenant.Member("a0").SetStatusAsync(AgentStatus.Available);
        var page = await List(tenant).ListAsync(new ConversationQuery(tenant.Admin, ConversationView.Unassigned, [], 50, null));

        Assert.Equal(ConversationStatus.Waiting, (await tenant.SummaryAsync(waiting.Id)).Status);
        Assert.Contains(page!.Items, item => item.Id == waiting.Id);
        Assert.Empty(await tenant.Agent("a0").ListGroupsAsync());
    }

    [Fact]
    public async Task ADeletedMembersOpenConversationsGoBackToRouting()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(2, AgentStatus.Unavailable);
        var group = await tenant.GroupAsync(agents);
        var conversation = await tenant.HandOffAsync(RotationMode.All, group);
        Assert.Equal("a0", conversation.OwnerId);

        Assert.True(await tenant.Member("a0").DeleteAsync());
        var after = await tenant.SummaryAsync(conversation.Id);

        Assert.Equal("a1", after.OwnerId);
        Assert.Equal(ConversationStatus.Assigned, after.Status);
        Assert.Equal(["a1"], (await tenant.Group(group).GetAsync())!.MemberIds);
    }

    [Fact]
    public async Task AnAgentsListsComeFromItsOwnIndexAndItsGroupsQueues()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(2);
        var group = await tenant.GroupAsync(agents);
        var owned = await tenant.HandOffAsync(RotationMode.Specific, group, agent: "a0");
        var unassigned = await tenant.HandOffAsync(RotationMode.None, group);
        var others = await tenant.HandOffAsync(RotationMode.Specific, group, agent: "a1");

        var mine = await List(tenant).ListAsync(new ConversationQuery(tenant.AgentCaller("a0"), ConversationView.Mine, [], 50, null));
        var claimable = await List(tenant).ListAsync(new ConversationQuery(tenant.AgentCaller("a0"), ConversationView.Unassigned, [], 50, null));
        var closedOnly = await List(tenant).ListAsync(new ConversationQuery(tenant.AgentCaller("a0"), ConversationView.Mine, [ConversationStatus.Closed], 50, null));

        Assert.Equal([owned.Id], mine!.Items.Select(item => item.Id));
        Assert.Equal([unassigned.Id], claimable!.Items.Select(item => item.Id));
        Assert.Empty(closedOnly!.Items);
        Assert.DoesNotContain(mine.Items, item => item.Id == others.Id);
    }

    [Fact]
    public async Task PagesFollowTheCursorWithoutRepeatsOrGaps()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(1);
        var group = await tenant.GroupAsync(agents);
        var opened = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            opened.Add((await tenant.HandOffAsync(RotationMode.Available, group)).Id);
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await List(tenant).ListAsync(new ConversationQuery(tenant.Admin, ConversationView.All, [ConversationStatus.Assigned], 3, cursor));
            Assert.InRange(page!.Items.Count, 1, 3);
            seen.AddRange(page.Items.Select(item => item.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(opened.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Null(await List(tenant).ListAsync(new ConversationQuery(tenant.Admin, ConversationView.All, [], 3, "not-a-cursor")));
    }

    private static IConversationListGrain List(TenantScope tenant) =>
        tenant.Enter().GetGrain<IConversationListGrain>(tenant.Tenant.Value);
}
