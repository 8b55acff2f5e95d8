using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Tests.Routing;

/// <summary>
/// Requests that meet on the same grains from different sides: none waits on another (a deadlock would show as the
/// 30-second call timeout), and what each agent holds matches who owns what.
/// </summary>
[Collection(RoutingCollection.Name)]
public sealed class InterleavingTests(RoutingCluster fixture)
{
    private const int Rounds = 12;

    // Far under the 30-second call timeout that grains waiting on each other would run into.
    private static readonly TimeSpan NoDeadlock = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AnAssignmentRacingTheQueuesOfferLeavesOneOwnerWhoAloneHoldsIt()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(2, AgentStatus.Unavailable);
        var group = await tenant.GroupAsync(agents);

        for (var round = 0; round < Rounds; round++)
        {
            var conversation = await tenant.HandOffAsync(RotationMode.Available, group);
            var conversationId = ConversationId.Parse(conversation.Id);
            // The queue's drain as the group runs it: the agent is taken first, then offered the conversation, and
            // given back if the offer falls through. The admin's assignment to the other agent lands in between.
            Assert.Equal(AgentTake.Taken, await tenant.Agent(agents[0]).TryTakeAsync(conversationId, Eligibility.Any));
            var assigned = tenant.Conversation(conversation.Id).AssignAsync(tenant.Admin, AgentId.Parse(agents[1]));
            var offered = tenant.ConversationRouting(conversation.Id).OfferAsync(AgentId.Parse(agents[0]), GroupId.Parse(group));
            await Task.WhenAll(assigned, offered).WaitAsync(NoDeadlock, TestContext.Current.CancellationToken);
            if (!await offered)
            {
                await tenant.Agent(agents[0]).ReleaseAsync(conversationId, offerToGroups: false);
            }

            var owner = (await tenant.SummaryAsync(conversation.Id)).OwnerId;
            var holders = new List<string>();
            foreach (var agent in agents)
            {
                if ((await tenant.Agent(agent).ListConversationsAsync()).Any(held => held.ConversationId == conversationId))
                {
                    holders.Add(agent);
                }
            }

            Assert.Equal(agents[1], owner);
            Assert.Equal([agents[1]], holders);
            await tenant.Conversation(conversation.Id).CloseAsync(tenant.Admin);
        }
    }

    [Fact]
    public async Task AClaimRacingItsClaimantsDeletionLeavesTheConversationWaitingUnowned()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var tenant = await fixture.NewTenantAsync();
            var agents = await tenant.AgentsAsync(1);
            var group = await tenant.GroupAsync(agents);
            var conversation = await tenant.HandOffAsync(RotationMode.None, group);

            await Task.WhenAll(
                tenant.Conversation(conversation.Id).AssignAsync(tenant.AgentCaller(agents[0]), AgentId.Parse(agents[0])),
                tenant.Member(agents[0]).DeleteAsync()).WaitAsync(NoDeadlock, TestContext.Current.CancellationToken);

            var after = await tenant.SummaryAsync(conversation.Id);
            Assert.Equal(ConversationStatus.Waiting, after.Status);
            Assert.Null(after.OwnerId);
            Assert.Equal([ConversationId.Parse(conversation.Id)], await tenant.GroupRouting(group).ListWaitingAsync());
        }
    }
}
