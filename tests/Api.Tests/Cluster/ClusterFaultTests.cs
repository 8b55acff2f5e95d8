using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Truora.Api.Tests.EndToEnd;
using Truora.Api.Tests.Hosting;
using Truora.Tests;

namespace Truora.Api.Tests.Cluster;

/// <summary>
/// Three node processes on PostgreSQL; one is killed with SIGKILL in the middle of the traffic. Nothing that
/// was answered 200 may be lost, and the survivors must take over the dead node's grains and reminders.
/// </summary>
public sealed class ClusterFaultTests
{
    private const string OperatorKey = "op_cluster-fault-test-key-0123456789";
    private const int Contacts = 30;

    /// <summary>The contacts handed off once the killed node is declared dead: a multiple of the three agents.</summary>
    private const int FairAfter = Contacts - 12;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KillingANodeMidRunLosesNothingAndTheSurvivorsTakeOver()
    {
        var connectionString = TestPostgres.Require();
        var cluster = $"fault-{Guid.NewGuid():N}"[..20];
        var environment = new Dictionary<string, string?>
        {
            ["Truora__Storage"] = "Postgres",
            ["Truora__Storage__AutoMigrate"] = "true",
            ["ConnectionStrings__Orleans"] = connectionString,
            ["Truora__OperatorKey"] = OperatorKey,
            ["Orleans__ClusterId"] = cluster,
            ["Orleans__ServiceId"] = cluster,
            ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
            ["Orleans__Membership__NumMissedProbesLimit"] = "2",
            ["Orleans__Membership__NumVotesForDeathDeclaration"] = "1",
            ["Orleans__Membership__TableRefreshTimeout"] = "00:00:02",
            ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
            ["Truora__Reminders__MinimumReminderPeriod"] = "00:00:05",
            ["Truora__Conversations__ExpiryRetry"] = "00:00:05",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        await using var graph = await GraphApiStandIn.StartAsync();
        var nodes = new List<NodeProcess>();
        try
        {
            foreach (var _ in Enumerable.Range(0, 3))
            {
                var node = NodeProcess.Start(environment);
                nodes.Add(node);
                Assert.True(await node.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), Cancel), node.Output);
            }

            var tenant = await SetUpTenantAsync(nodes[0], graph);
            var delivered = new List<(string Phone, string Text)>();

            // Before the failure: half the contacts are handed off, their webhooks spread over all three nodes.
            for (var i = 0; i < Contacts / 2; i++)
            {
                await ReachAgentAsync(nodes, tenant, Phone(i), delivered);
            }

            // Agents answer their chats through every node before the failure.
            using (var adminBefore = Client(nodes[0], tenant.AdminKey))
            {
                var index = 0;
                foreach (var (_, id) in await AllConversationsAsync(adminBefore, Contacts / 2))
                {
                    var details = await adminBefore.GetFromJsonAsync<JsonElement>($"/v1/conversations/{id}", Cancel);
                    var owner = details.GetProperty("ownerId").GetString()!;
                    using var agent = Client(nodes[index++ % nodes.Count], tenant.AgentKeys[owner]);
                    using var reply = await agent.PostAsJsonAsync($"/v1/conversations/{id}/messages", new { text = $"hello {id}" }, Cancel);
                    Assert.Equal(HttpStatusCode.Accepted, reply.StatusCode);
                }
            }

            var victim = nodes[2];
            var killedAt = DateTime.UtcNow;
            await victim.KillAsync();
            var survivors = nodes.Take(2).ToList();

            // Some hand-offs while the survivors are still finding out: an agent whose activation was on the dead
            // node cannot be reached then, and the rotation passes it over rather than fail the hand-off.
            for (var i = Contacts / 2; i < FairAfter; i++)
            {
                await ReachAgentAsync(survivors, tenant, Phone(i), delivered);
            }

            Assert.True(await MarkedDeadAsync(connectionString, cluster, victim.SiloPort, killedAt + TimeSpan.FromSeconds(30)),
                "The killed silo was not marked dead in the membership table within 30 seconds.");
            // The table says so first; each survivor routes by its own view, which learns of it a moment later.
            foreach (var survivor in survivors)
            {
                Assert.True(await survivor.WaitUntilItSeesAsync(survivors.Count, TimeSpan.FromSeconds(30), Cancel),
                    "A survivor still counted the killed silo as active 30 seconds after it was marked dead.");
            }

            // The rest once it is declared dead: the group, wherever it lives now, rotates them evenly again.
            for (var i = FairAfter; i < Contacts; i++)
            {
                await ReachAgentAsync(survivors, tenant, Phone(i), delivered);
            }

            using var admin = Client(survivors[0], tenant.AdminKey);
            var conversations = await AllConversationsAsync(admin, Contacts);
            Assert.Equal(Contacts, conversations.Count);
            var ownersOnceDeclaredDead = new List<string>();
            foreach (var (phone, id) in conversations)
            {
                // A hand-off caught by the failure completes once the survivors agree the node is dead.
                var details = await OwnedAsync(admin, id);
                var owner = details.GetProperty("ownerId").GetString();
                Assert.False(string.IsNullOrEmpty(owner), $"Conversation {id} of {phone} has no owner.");
                var texts = details.GetProperty("history").EnumerateArray()
                    .Where(entry => entry.GetProperty("from").GetString() == "user")
                    .Select(entry => entry.GetProperty("text").GetString()!)
                    .ToList();
                foreach (var (_, text) in delivered.Where(d => d.Phone == phone))
                {
                    Assert.True(texts.Count(t => t == text) == 1, $"'{text}' is in conversation {id} {texts.Count(t => t == text)} times: {details}");
                }

                if (int.Parse(phone[^3..], System.Globalization.CultureInfo.InvariantCulture) >= FairAfter)
                {
                    ownersOnceDeclaredDead.Add(owner!);
                }
            }

            var perAgent = tenant.Agents.Select(agent => ownersOnceDeclaredDead.Count(owner => owner == agent)).ToList();
            Assert.True(perAgent.Max() - perAgent.Min() <= 1, $"Hand-offs after the node was declared dead were not round-robin: {string.Join(", ", perAgent)}.");

            // Every conversation expires (PT20S): the reminders the dead node owned fire on the survivors.
            var deadline = DateTime.UtcNow + Patience;
            while (true)
            {
                var open = (await admin.GetFromJsonAsync<JsonElement>("/v1/conversations?view=all&status=open&limit=200", Cancel))
                    .GetProperty("items").GetArrayLength();
                if (open == 0)
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, $"{open} conversation(s) never expired after the failure.");
                await Task.Delay(1000, Cancel);
            }

            foreach (var survivor in survivors)
            {
                var before = survivor.Output.Length;
                Assert.Equal(0, await survivor.StopAsync(TimeSpan.FromSeconds(60)));
                var shutdown = survivor.Output[before..];
                Assert.DoesNotContain("crit:", shutdown, StringComparison.Ordinal);
                Assert.DoesNotContain("fail:", shutdown, StringComparison.Ordinal);
            }
        }
        catch (HttpRequestException ex)
        {
            // A node's 500 says little on its own: the nodes' first error lines say why.
            var errors = nodes.Select((node, i) => $"node {i}:{Environment.NewLine}{FirstError(node.Output)}");
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

    private static string FirstError(string output)
    {
        var at = output.IndexOf("fail:", StringComparison.Ordinal);
        return at < 0 ? "(no error logged)" : output[at..Math.Min(output.Length, at + 6000)];
    }

    private static string Phone(int i) => $"57301000{i:D3}";

    /// <summary>The user says hi and answers, each webhook on the next node, retried on another one as Meta would.</summary>
    private static async Task ReachAgentAsync(IReadOnlyList<NodeProcess> nodes, FaultTenant tenant, string phone, List<(string, string)> delivered)
    {
        foreach (var text in new[] { $"hi {phone}", $"doc {phone}" })
        {
            var body = MetaPayloads.TextMessage(phone, MetaPayloads.NewMessageId(), text, MetaPayloads.Now);
            await DeliverAsync(nodes, tenant.Id, body);
            delivered.Add((phone, text));
        }
    }

    private static async Task DeliverAsync(IReadOnlyList<NodeProcess> nodes, string tenantId, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var deadline = DateTime.UtcNow + Patience;
        for (var attempt = 0; ; attempt++)
        {
            var node = nodes[(Environment.TickCount + attempt) % nodes.Count];
            using var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(40) };
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/webhooks/whatsapp/{tenantId}")
            {
                Content = new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            };
            request.Headers.Add("X-Hub-Signature-256", WhatsAppTenant.Signature(bytes, WhatsAppTenant.AppSecret));
            try
            {
                using var response = await client.SendAsync(request, Cancel);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !Cancel.IsCancellationRequested)
            {
                // A node going down: Meta would retry, and so do we.
            }

            Assert.True(DateTime.UtcNow < deadline, "A webhook was never accepted by any survivor.");
            await Task.Delay(200, Cancel);
        }
    }

    private static async Task<FaultTenant> SetUpTenantAsync(NodeProcess node, GraphApiStandIn graph)
    {
        using var operatorClient = Client(node, OperatorKey);
        var id = $"t-{Guid.NewGuid():N}"[..20];
        using var created = await operatorClient.PostAsJsonAsync("/v1/tenants", new { id, name = "Fault", timeZone = "America/Bogota" }, Cancel);
        created.EnsureSuccessStatusCode();
        var adminKey = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("adminKey").GetString()!;
        using var admin = Client(node, adminKey);
        var agents = new List<string>();
        var keys = new Dictionary<string, string>();
        for (var i = 0; i < 3; i++)
        {
            var member = $"agent{i}";
            using var added = await admin.PostAsJsonAsync("/v1/members", new { id = member, name = member, email = $"{member}@example.com", role = "agent_role" }, Cancel);
            added.EnsureSuccessStatusCode();
            var key = (await added.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("apiKey").GetString()!;
            using var agent = Client(node, key);
            (await agent.PutAsJsonAsync("/v1/me/status", new { status = "available" }, Cancel)).EnsureSuccessStatusCode();
            agents.Add(member);
            keys[member] = key;
        }

        (await admin.PostAsJsonAsync("/v1/groups", new { id = "support", name = "Support", memberIds = agents }, Cancel)).EnsureSuccessStatusCode();
        var flow = new
        {
            name = "Fault flow",
            expiresAfter = "PT20S",
            start = "ask",
            blocks = new object[]
            {
                new { id = "ask", type = "question", text = "Your document?", variable = "document", next = "human" },
                new { id = "human", type = "connect_agent", crm = "truora_conversations", assign = new { mode = "available", groupId = "support" }, next = (string?)null },
            },
        };
        (await admin.PutAsJsonAsync("/v1/flows/fault", flow, Cancel)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/v1/channels/whatsapp", new
        {
            phoneNumberId = WhatsAppTenant.PhoneNumberId,
            accessToken = WhatsAppTenant.AccessToken,
            appSecret = WhatsAppTenant.AppSecret,
            verifyToken = WhatsAppTenant.VerifyToken,
            graphApiBaseUrl = graph.BaseUrl,
            defaultFlowId = "fault",
        }, Cancel)).EnsureSuccessStatusCode();
        return new FaultTenant(id, adminKey, agents, keys);
    }

    private static async Task<List<(string Phone, string Id)>> AllConversationsAsync(HttpClient admin, int expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var items = (await admin.GetFromJsonAsync<JsonElement>("/v1/conversations?view=all&limit=200", Cancel)).GetProperty("items")
                .EnumerateArray()
                .Select(item => (item.GetProperty("contact").GetProperty("phone").GetString()!, item.GetProperty("id").GetString()!))
                .ToList();
            if (items.Count >= expected)
            {
                return items;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Only {items.Count} of {expected} conversations were listed.");
            await Task.Delay(500, Cancel);
        }
    }

    private static async Task<JsonElement> OwnedAsync(HttpClient admin, string id)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var details = await admin.GetFromJsonAsync<JsonElement>($"/v1/conversations/{id}", Cancel);
            if (details.GetProperty("ownerId").ValueKind is JsonValueKind.String || DateTime.UtcNow > deadline)
            {
                return details;
            }

            await Task.Delay(250, Cancel);
        }
    }

    private static async Task<bool> MarkedDeadAsync(string connectionString, string cluster, int siloPort, DateTime deadline)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        while (DateTime.UtcNow < deadline)
        {
            await using var command = new NpgsqlCommand(
                "SELECT Status FROM OrleansMembershipTable WHERE DeploymentId = @cluster AND Port = @port", connection);
            command.Parameters.AddWithValue("cluster", cluster);
            command.Parameters.AddWithValue("port", siloPort);
            if (await command.ExecuteScalarAsync(Cancel) is int status && status == 6)
            {
                return true;
            }

            await Task.Delay(250, Cancel);
        }

        return false;
    }

    private static HttpClient Client(NodeProcess node, string key)
    {
        var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(40) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private sealed record FaultTenant(string Id, string AdminKey, IReadOnlyList<string> Agents, IReadOnlyDictionary<string, string> AgentKeys);
}
