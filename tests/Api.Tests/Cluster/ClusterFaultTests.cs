using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Truora.Api.Tests.EndToEnd;
using Truora.Api.Tests.Faults;
using Truora.Api.Tests.Hosting;
using Truora.Tests;

namespace Truora.Api.Tests.Cluster;

/// <summary>
/// Three node processes on PostgreSQL; one is killed with SIGKILL while users write and agents answer through all
/// three. Nothing that was answered 200 or 202 may be lost: every acknowledged message is in its conversation once,
/// every acknowledged reply reaches WhatsApp, and the survivors take over the dead node's grains and reminders.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class ClusterFaultTests
{
    private const int Contacts = 30;

    /// <summary>The contacts handed off once the killed node is declared dead: a multiple of the three agents.</summary>
    private const int FairAfter = Contacts - 12;

    /// <summary>The users (of a second tenant) who chat with their agents while the node is killed.</summary>
    private const int Chatting = 9;

    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KillingANodeUnderLoadLosesNothingAndTheSurvivorsTakeOver()
    {
        var connectionString = TestPostgres.Require();
        var cluster = TestPostgres.NewId("fault");
        var environment = FaultNode.Environment(connectionString, cluster, cluster);
        await using var graph = await GraphApiStandIn.StartAsync();
        var nodes = new List<NodeProcess>();
        try
        {
            foreach (var _ in Enumerable.Range(0, 3))
            {
                nodes.Add(await FaultNode.StartAsync(environment));
            }

            // Every conversation of this tenant expires after 20 s: the reminders the dead node owned must fire elsewhere.
            var tenant = await FaultTenant.CreateAsync(nodes[0], graph, agents: 3, expiresAfter: "PT20S");
            var chat = await FaultTenant.CreateAsync(nodes[0], graph, agents: 3);

            // Before the failure: half the contacts are handed off, their webhooks spread over all three nodes.
            for (var i = 0; i < Contacts / 2; i++)
            {
                await ReachAgentAsync(nodes, tenant, Phone(i));
            }

            for (var i = 0; i < Chatting; i++)
            {
                await ReachAgentAsync(nodes, chat, ChatPhone(i));
            }

            // The second tenant's users and agents keep writing through all three nodes while one of them is killed.
            var owners = await OwnersAsync(nodes[0], chat);
            using var load = new ChatLoad(nodes, chat, owners);
            await Task.Delay(2000, Cancel);
            var victim = nodes[2];
            var killedAt = DateTime.UtcNow;
            await victim.KillAsync();
            var survivors = nodes.Take(2).ToList();

            // Some hand-offs while the survivors are still finding out: an agent whose activation was on the dead
            // node cannot be reached then, and the rotation passes it over rather than fail the hand-off.
            for (var i = Contacts / 2; i < FairAfter; i++)
            {
                await ReachAgentAsync(survivors, tenant, Phone(i));
            }

            await load.StopAsync();
            await MarkedDeadAsync(connectionString, cluster, victim.SiloPort, killedAt + TimeSpan.FromSeconds(30) - DateTime.UtcNow);
            // The table says so first; each survivor routes by its own view, which learns of it a moment later.
            foreach (var survivor in survivors)
            {
                Assert.True(await survivor.WaitUntilItSeesAsync(survivors.Count, TimeSpan.FromSeconds(30), Cancel),
                    "A survivor still counted the killed silo as active 30 seconds after it was marked dead.");
            }

            // The rest once it is declared dead: the group, wherever it lives now, rotates them evenly again.
            for (var i = FairAfter; i < Contacts; i++)
            {
                await ReachAgentAsync(survivors, tenant, Phone(i));
            }

            await AssertChatsKeptAsync(survivors[0], chat, load, graph);

            var conversations = await tenant.ConversationsAsync(survivors[0], Contacts);
            Assert.Equal(Contacts, conversations.Count);
            var ownersOnceDeclaredDead = new List<string>();
            foreach (var (phone, id) in conversations)
            {
                // A hand-off caught by the failure completes once the survivors agree the node is dead.
                var details = await OwnedAsync(survivors[0], tenant, id);
                var owner = details.GetProperty("ownerId").GetString();
                Assert.False(string.IsNullOrEmpty(owner), $"Conversation {id} of {phone} has no owner.");
                AssertSaidOnce(details, Said(phone));
                if (int.Parse(phone[^3..], System.Globalization.CultureInfo.InvariantCulture) >= FairAfter)
                {
                    ownersOnceDeclaredDead.Add(owner!);
                }
            }

            var perAgent = tenant.Agents.Select(agent => ownersOnceDeclaredDead.Count(owner => owner == agent)).ToList();
            Assert.True(perAgent.Max() - perAgent.Min() <= 1, $"Hand-offs after the node was declared dead were not round-robin: {string.Join(", ", perAgent)}.");

            // Every conversation of the first tenant expires: the reminders the dead node owned fire on the survivors.
            using var admin = FaultTenant.Client(survivors[0], tenant.AdminKey);
            await Poll.UntilAsync(
                async () => (await admin.GetFromJsonAsync<JsonElement>("/v1/conversations?view=all&status=open&limit=200", Cancel)).GetProperty("items"),
                open => open.GetArrayLength() == 0,
                "every conversation of the first tenant to expire after the failure",
                Patience);

            foreach (var survivor in survivors)
            {
                var before = survivor.Output.Length;
                Assert.Equal(0, await survivor.StopAsync(TimeSpan.FromSeconds(60)));
                var shutdown = survivor.Output[before..];
                Assert.False(shutdown.Contains("crit:", StringComparison.Ordinal) || shutdown.Contains("fail:", StringComparison.Ordinal), shutdown);
            }
        }
        catch (HttpRequestException ex)
        {
            // A node's 500 says little on its own: the nodes' first error lines say why.
            var errors = nodes.Select((node, i) => $"node {i}:{Environment.NewLine}{FaultNode.FirstError(node)}");
            throw new HttpRequestException(string.Join(Environment.NewLine, [ex.Message, .. errors]), ex);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>Every message a chatting user was answered 200 for is in its conversation once; every reply answered 202 was posted to WhatsApp.</summary>
    private static async Task AssertChatsKeptAsync(NodeProcess survivor, FaultTenant chat, ChatLoad load, GraphApiStandIn graph)
    {
        Assert.True(load.Replies.Count > 0 && load.Messages.Count > 0, "The load sent nothing.");
        foreach (var (phone, id) in await chat.ConversationsAsync(survivor, Chatting))
        {
            AssertSaidOnce(await chat.ConversationAsync(survivor, id), [.. Said(phone), .. load.Messages.Where(m => m.Phone == phone).Select(m => m.Text)]);
        }

        var replies = load.Replies.Select(reply => reply.Text).ToHashSet(StringComparer.Ordinal);
        await graph.WaitForAsync(posts => replies.IsSubsetOf(posts.Where(post => post.Succeeded).Select(post => post.Text ?? "")), Patience);
    }

    private static void AssertSaidOnce(JsonElement conversation, IEnumerable<string> texts)
    {
        var said = ConversationJson.History(conversation)
            .Where(entry => ConversationJson.String(entry, "from") == "user")
            .Select(entry => ConversationJson.String(entry, "text"))
            .ToList();
        foreach (var text in texts)
        {
            Assert.True(said.Count(t => t == text) == 1, $"'{text}' is in the conversation {said.Count(t => t == text)} times: {conversation}");
        }
    }

    private static string Phone(int i) => $"57301000{i:D3}";

    private static string ChatPhone(int i) => $"57301100{i:D3}";

    private static string[] Said(string phone) => [$"hi {phone}", $"Ana {phone}", $"doc {phone}"];

    /// <summary>The user says hi and answers both questions, each webhook on another node, retried as Meta would.</summary>
    private static async Task ReachAgentAsync(IReadOnlyList<NodeProcess> nodes, FaultTenant tenant, string phone)
    {
        foreach (var text in Said(phone))
        {
            await tenant.DeliverAsync(nodes, phone, text, patience: Patience);
        }
    }

    private static async Task<Dictionary<string, (string Id, string Owner)>> OwnersAsync(NodeProcess node, FaultTenant tenant)
    {
        var owners = new Dictionary<string, (string, string)>();
        foreach (var (phone, id) in await tenant.ConversationsAsync(node, Chatting))
        {
            owners[phone] = (id, (await OwnedAsync(node, tenant, id)).GetProperty("ownerId").GetString()!);
        }

        return owners;
    }

    private static Task<JsonElement> OwnedAsync(NodeProcess node, FaultTenant tenant, string id) =>
        Poll.UntilAsync(
            () => tenant.ConversationAsync(node, id),
            details => details.GetProperty("ownerId").ValueKind is JsonValueKind.String,
            $"conversation {id} to have an owner",
            Patience);

    /// <summary>Waits until the membership table says the silo on <paramref name="siloPort"/> is dead (status 6).</summary>
    private static async Task MarkedDeadAsync(string connectionString, string cluster, int siloPort, TimeSpan within)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await Poll.UntilAsync(
            async () =>
            {
                await using var command = new NpgsqlCommand(
                    "SELECT Status FROM OrleansMembershipTable WHERE DeploymentId = @cluster AND Port = @port", connection);
                command.Parameters.AddWithValue("cluster", cluster);
                command.Parameters.AddWithValue("port", siloPort);
                return await command.ExecuteScalarAsync(Cancel);
            },
            status => status is 6,
            $"the killed silo (port {siloPort}) to be marked dead in the membership table",
            within);
    }
}
