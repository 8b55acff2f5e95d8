using System.Diagnostics;
using System.Net;
using Truora.Api.Tests.EndToEnd;
using Truora.Api.Tests.Hosting;
using Truora.Tests;

namespace Truora.Api.Tests.Faults;

/// <summary>
/// One node on a PostgreSQL server of the test's own, which is stopped (<c>pg_ctl -m fast</c>) and started again
/// under concurrent webhooks: users starting their flow, users in the middle of it, users chatting with an agent.
/// Each message is delivered as Meta does, again until it is answered 200. Every acknowledged message must then be in
/// its conversation exactly once with the flow's variables right, also after the node is killed and started again;
/// while the database is down the answer is 503, never 500 and never a 200 for something not stored.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class DatabaseOutageTests
{
    private const int UsersPerKind = 6;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryAcknowledgedWebhookIsRecordedOnceAcrossAnOutageAndACrash()
    {
        await using var database = await PostgresServer.StartAsync();
        await using var graph = await GraphApiStandIn.StartAsync();
        var service = TestPostgres.NewId("outage");
        var environment = FaultNode.Environment(database.ConnectionString, service, TestPostgres.NewId("c"));
        var node = await FaultNode.StartAsync(environment);
        NodeProcess? restarted = null;
        try
        {
            var tenant = await FaultTenant.CreateAsync(node, graph, agents: 2);
            var users = Enumerable.Range(0, UsersPerKind * 3).Select(i => new User($"57302000{i:D3}", (UserKind)(i / UsersPerKind))).ToList();
            List<NodeProcess> nodes = [node];

            // Before: some users wait at the flow's first question, some already chat with an agent.
            foreach (var user in users)
            {
                foreach (var text in user.Before)
                {
                    await tenant.DeliverAsync(nodes, user.Phone, text);
                }
            }

            // During: every user writes on, while the database goes down and comes back. The users starting their
            // flow write first while it is down.
            var refusals = new List<int>();
            var down = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var traffic = Task.WhenAll(users.Select(async user =>
            {
                if (user.Kind is UserKind.Starting)
                {
                    await down.Task;
                }

                foreach (var text in user.During)
                {
                    await tenant.DeliverAsync(nodes, user.Phone, text, refusals);
                    await Task.Delay(Random.Shared.Next(100, 400), Cancel);
                }
            }));
            await Task.Delay(300, Cancel);
            await database.StopAsync();
            down.SetResult();
            await AssertUnavailableAsync(node, tenant);
            await Task.Delay(Outage, Cancel);
            await database.StartAgainAsync();
            await traffic;

            Assert.Contains(503, refusals);
            Assert.All(refusals, status => Assert.True(status == 503, $"A webhook was answered {status} during the outage: {FaultNode.FirstError(node)}"));

            // After: the users who only said hi go on to the hand-off.
            foreach (var user in users)
            {
                foreach (var text in user.After)
                {
                    await tenant.DeliverAsync(nodes, user.Phone, text);
                }
            }

            await AssertRecordedOnceAsync(node, tenant, users);
            await graph.WaitForAsync(posts => users.All(user => HasBothQuestions(posts, user.Phone)), TimeSpan.FromSeconds(30));

            // A crash, and the same checks on a node that knows only what the database holds.
            await node.KillAsync();
            restarted = await FaultNode.StartAsync(environment.WithCluster(TestPostgres.NewId("c")));
            await AssertRecordedOnceAsync(restarted, tenant, users);
        }
        finally
        {
            await node.DisposeAsync();
            if (restarted is not null)
            {
                await restarted.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ANodeWhoseDatabaseIsGoneStillStopsWithinItsShutdownTimeout()
    {
        await using var database = await PostgresServer.StartAsync();
        var environment = FaultNode.Environment(database.ConnectionString, TestPostgres.NewId("stop"), TestPostgres.NewId("c"));
        environment["shutdownTimeoutSeconds"] = ShutdownTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var node = await FaultNode.StartAsync(environment);
        await using var graph = await GraphApiStandIn.StartAsync();
        // Grains with state to write when they go: a tenant, its members, a group.
        await FaultTenant.CreateAsync(node, graph, agents: 2);

        await database.StopAsync();
        var stopping = Stopwatch.StartNew();
        var exitCode = await node.StopAsync(ShutdownTimeout + TimeSpan.FromSeconds(30));

        Assert.True(stopping.Elapsed < ShutdownTimeout + TimeSpan.FromSeconds(5), $"The node took {stopping.Elapsed} to stop without its database.");
        Assert.Equal(4, exitCode);
        Assert.Contains("did not stop within its", node.Output, StringComparison.Ordinal);
    }

    /// <summary>With the database down: readiness names the storage check, and a webhook is a 503 to retry.</summary>
    private static async Task AssertUnavailableAsync(NodeProcess node, FaultTenant tenant)
    {
        using var client = new HttpClient { BaseAddress = node.BaseAddress };
        using var ready = await client.GetAsync("/health/ready", Cancel);
        var report = await ready.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", report.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
        // Named, never explained: no driver message, host or socket path in what anyone may read.
        var text = report.GetRawText();
        Assert.False(text.Contains("connect", StringComparison.OrdinalIgnoreCase), text);
        Assert.DoesNotContain("/tmp", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);

        using var webhook = await tenant.SendOnceAsync(node, "573020999999", "while the database is down");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, webhook.StatusCode);
        Assert.Equal("application/problem+json", webhook.Content.Headers.ContentType?.MediaType);
        Assert.True(webhook.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, "A 503 without Retry-After seconds.");
        Assert.EndsWith("/unavailable", (await webhook.ReadJsonAsync()).GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    private static async Task AssertRecordedOnceAsync(NodeProcess node, FaultTenant tenant, IReadOnlyList<User> users)
    {
        var conversations = await tenant.ConversationsAsync(node, users.Count);
        foreach (var user in users)
        {
            var id = Assert.Single(conversations, conversation => conversation.Phone == user.Phone).Id;
            var conversation = await tenant.ConversationAsync(node, id);
            var said = ConversationJson.History(conversation)
                .Where(entry => ConversationJson.String(entry, "from") == "user")
                .Select(entry => ConversationJson.String(entry, "text"))
                .ToList();
            Assert.True(user.Texts.SequenceEqual(said), $"{user.Phone} ({user.Kind}) said [{string.Join(", ", user.Texts)}], the history holds [{string.Join(", ", said)}].");
            var variables = conversation.GetProperty("variables");
            Assert.Equal(user.Name, variables.GetProperty("name").GetString());
            Assert.Equal(user.Document, variables.GetProperty("document").GetString());
        }
    }

    private static bool HasBothQuestions(IReadOnlyList<RecordedPost> posts, string phone) =>
        posts.Any(post => post.To == phone && post.Succeeded && post.Text == FaultTenant.NameQuestion)
        && posts.Any(post => post.To == phone && post.Succeeded && post.Text == FaultTenant.DocumentQuestion);

    private enum UserKind
    {
        /// <summary>Writes first during the outage, answers the questions after it.</summary>
        Starting,

        /// <summary>Said hi before; answers both questions during the outage, which hands it off.</summary>
        MidFlow,

        /// <summary>Was handed off before; chats on during the outage.</summary>
        Chatting,
    }

    private sealed record User(string Phone, UserKind Kind)
    {
        public string Name => $"Ana {Phone}";

        public string Document => $"doc-{Phone}";

        public string[] Before => Kind switch
        {
            UserKind.MidFlow => [$"hi {Phone}"],
            UserKind.Chatting => [$"hi {Phone}", Name, Document],
            _ => [],
        };

        public string[] During => Kind switch
        {
            UserKind.Starting => [$"hi {Phone}"],
            UserKind.MidFlow => [Name, Document],
            _ => [$"first question of {Phone}", $"second question of {Phone}", $"third question of {Phone}"],
        };

        public string[] After => Kind is UserKind.Starting ? [Name, Document] : [];

        public string[] Texts => [.. Before, .. During, .. After];
    }
}
