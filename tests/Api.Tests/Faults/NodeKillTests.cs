using System.Net;
using System.Net.Http.Json;
using Truora.Api.Tests.EndToEnd;
using Truora.Api.Tests.Events;
using Truora.Api.Tests.Hosting;
using Truora.Tests;

namespace Truora.Api.Tests.Faults;

/// <summary>
/// A node on PostgreSQL killed with SIGKILL at the worst moment for a promise it made, then started again (a fresh
/// cluster, the same service): what it acknowledged must still happen, and what it numbered must not be numbered again.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class NodeKillTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AReplyWhosePostWasInFlightWhenTheNodeDiedIsSentAfterItsRestart()
    {
        var environment = FaultNode.Environment(TestPostgres.Require(), TestPostgres.NewId("kill"), TestPostgres.NewId("c"));
        await using var graph = await GraphApiStandIn.StartAsync();
        await using var node = await FaultNode.StartAsync(environment);
        var tenant = await FaultTenant.CreateAsync(node, graph, agents: 1);
        var conversationId = await ReachAgentAsync(node, tenant, "573030000001");
        const string reply = "Your document is being checked.";

        graph.HoldNext(1);
        using (var agent = FaultTenant.Client(node, tenant.AgentKeys[tenant.Agents[0]]))
        {
            using var sent = await agent.PostAsJsonAsync($"/v1/conversations/{conversationId}/messages", new { text = reply }, Cancel);
            await sent.ExpectAsync(HttpStatusCode.Accepted);
        }

        await graph.WaitForAsync(posts => posts.Any(post => post.Text == reply), Poll.Patience);
        await node.KillAsync();
        graph.StopHolding();
        var beforeRestart = graph.Posts.Count;
        await using var restarted = await FaultNode.StartAsync(environment.WithCluster(TestPostgres.NewId("c")));

        await graph.WaitForAsync(posts => posts.Skip(beforeRestart).Any(post => post.Text == reply && post.Succeeded), TimeSpan.FromSeconds(45));
        await Poll.UntilAsync(
            () => tenant.ConversationAsync(restarted, conversationId),
            conversation => ConversationJson.DeliveryOf(conversation, "agent", reply) == "sent",
            "the reply to be marked sent after the restart",
            TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task EventIdsAfterACrashAreHigherThanEveryIdSeenBefore()
    {
        var environment = FaultNode.Environment(TestPostgres.Require(), TestPostgres.NewId("kill"), TestPostgres.NewId("c"));
        await using var graph = await GraphApiStandIn.StartAsync();
        await using var node = await FaultNode.StartAsync(environment);
        var tenant = await FaultTenant.CreateAsync(node, graph, agents: 1);
        const string phone = "573030000002";
        var agentKey = tenant.AgentKeys[tenant.Agents[0]];

        long lastSeen;
        using (var agent = FaultTenant.Client(node, agentKey))
        {
            await using var stream = await SseStream.OpenAsync(agent);
            await ReachAgentAsync(node, tenant, phone);
            await tenant.DeliverAsync([node], phone, "one more thing");
            lastSeen = (await stream.NextAsync("message.received")).Id;
        }

        // Killed right away: within the second in which the inbox has not written its replay buffer yet.
        await node.KillAsync();
        await using var restarted = await FaultNode.StartAsync(environment.WithCluster(TestPostgres.NewId("c")));

        using var again = FaultTenant.Client(restarted, agentKey);
        await using var resumed = await SseStream.OpenAsync(again);
        await tenant.DeliverAsync([restarted], phone, "are you there?");
        var next = await resumed.NextAsync("message.received", TimeSpan.FromSeconds(30));

        Assert.True(next.Id > lastSeen, $"An event after the restart has id {next.Id}, not above {lastSeen} seen before the crash.");
    }

    /// <summary>The user says hi and answers both questions; returns the conversation the hand-off opened.</summary>
    private static async Task<string> ReachAgentAsync(NodeProcess node, FaultTenant tenant, string phone)
    {
        foreach (var text in new[] { "hi", "Ana", "1020304050" })
        {
            await tenant.DeliverAsync([node], phone, text);
        }

        var conversations = await tenant.ConversationsAsync(node, 1);
        var id = Assert.Single(conversations, conversation => conversation.Phone == phone).Id;
        await Poll.UntilAsync(
            () => tenant.ConversationAsync(node, id),
            conversation => ConversationJson.String(conversation, "status") == "assigned",
            $"conversation {id} to be assigned",
            TimeSpan.FromSeconds(30));
        return id;
    }
}
