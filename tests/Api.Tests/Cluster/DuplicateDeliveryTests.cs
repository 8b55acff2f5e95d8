using System.Net;
using Npgsql;
using Truora.Api.Tests.EndToEnd;
using Truora.Api.Tests.Faults;
using Truora.Api.Tests.Hosting;
using Truora.Tests;

namespace Truora.Api.Tests.Cluster;

/// <summary>
/// Meta delivers a webhook again when an answer is slow, and the copies may reach different nodes at the same
/// moment. Two node processes on PostgreSQL get every message of a chatting user twice each at once: every copy is
/// answered 200, and the conversation's table holds each message once.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class DuplicateDeliveryTests
{
    private const int Messages = 12;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheSameMessageFiredAtTwoNodesAtOnceIsOneRow()
    {
        var connectionString = TestPostgres.Require();
        var cluster = TestPostgres.NewId("dup");
        await using var graph = await GraphApiStandIn.StartAsync();
        var nodes = new List<NodeProcess>();
        try
        {
            var environment = FaultNode.Environment(connectionString, cluster, cluster);
            nodes.Add(await FaultNode.StartAsync(environment));
            nodes.Add(await FaultNode.StartAsync(environment));
            var tenant = await FaultTenant.CreateAsync(nodes[0], graph, agents: 1);
            var phone = "573012" + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var text in new[] { "hi", "Ana", "doc 1" })
            {
                await tenant.DeliverAsync(nodes, phone, text);
            }

            var (_, conversationId) = (await tenant.ConversationsAsync(nodes[0], 1)).Single();
            var ids = new List<string>();
            for (var i = 0; i < Messages; i++)
            {
                var id = MetaPayloads.NewMessageId();
                ids.Add(id);
                var body = FaultTenant.Webhook(phone, $"copy test {i}", id);
                var copies = await Task.WhenAll(nodes.SelectMany(node => new[] { tenant.SendAsync(node, body), tenant.SendAsync(node, body) }));
                foreach (var copy in copies)
                {
                    Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
                    copy.Dispose();
                }
            }

            await using var database = NpgsqlDataSource.Create(connectionString);
            await using var count = database.CreateCommand(
                "SELECT message_id, count(*) FROM truora_messages WHERE tenant_id = $1 AND message_id = ANY($2) GROUP BY message_id");
            count.Parameters.Add(new() { Value = tenant.Id });
            count.Parameters.Add(new() { Value = ids.ToArray() });
            var rows = new Dictionary<string, long>();
            await using (var reader = await count.ExecuteReaderAsync(Cancel))
            {
                while (await reader.ReadAsync(Cancel))
                {
                    rows[reader.GetString(0)] = reader.GetInt64(1);
                }
            }

            Assert.Equal(ids.Order(), rows.Keys.Order());
            Assert.All(rows.Values, copies => Assert.Equal(1, copies));
            var said = ConversationJson.History(await tenant.ConversationAsync(nodes[1], conversationId))
                .Select(entry => ConversationJson.String(entry, "text"))
                .Where(text => text?.StartsWith("copy test", StringComparison.Ordinal) == true)
                .ToList();
            Assert.Equal(Enumerable.Range(0, Messages).Select(i => $"copy test {i}"), said);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }
}
