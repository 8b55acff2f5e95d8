using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Tests.Conversations;

[Collection(FakeClockCollection.Name)]
public sealed class ClaimRaceTests(FakeClockCluster fixture)
{
    private const int Rounds = 20;

    [Fact]
    public async Task OfTwoSimultaneousClaimsExactlyOneWinsAndOwnsIt()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(2);
        var group = await tenant.GroupAsync(agents);

        for (var round = 0; round < Rounds; round++)
        {
            var conversation = await tenant.HandOffAsync(RotationMode.None, group, at: fixture.Now);
            var grain = tenant.Conversation(conversation.Id);

            var replies = await Task.WhenAll(
                grain.AssignAsync(tenant.AgentCaller("a0"), AgentId.Parse("a0")),
                grain.AssignAsync(tenant.AgentCaller("a1"), AgentId.Parse("a1")));

            Assert.Single(replies, reply => reply.Outcome is ConversationOutcome.Ok);
            Assert.Single(replies, reply => reply.Outcome is ConversationOutcome.Conflict);
            var winner = replies[0].Outcome is ConversationOutcome.Ok ? "a0" : "a1";
            var after = await tenant.SummaryAsync(conversation.Id);
            Assert.Equal(ConversationStatus.Assigned, after.Status);
            Assert.Equal(winner, after.OwnerId);
        }

        Assert.Equal(Rounds, await tenant.OpenCountAsync("a0") + await tenant.OpenCountAsync("a1"));
        Assert.Empty(await tenant.GroupRouting(group).ListWaitingAsync());
    }
}
