using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Truora.Api.Tests.EndToEnd;
using Truora.Api.Tests.Hosting;
using Truora.Api.Tests.Tenants;
using Truora.Tests;

namespace Truora.Api.Tests.Faults;

/// <summary>
/// A tenant on real nodes for the fault tests: available agents in group <see cref="GroupId"/>, a flow that asks the
/// user's name and document and then hands off to that group, and the channel pointed at a Graph API stand-in.
/// Webhooks are delivered as Meta does: the same signed payload again on any answer but 200.
/// </summary>
internal sealed record FaultTenant(string Id, string AdminKey, IReadOnlyList<string> Agents, IReadOnlyDictionary<string, string> AgentKeys)
{
    public const string GroupId = "support";
    public const string NameQuestion = "Your name?";
    public const string DocumentQuestion = "Your document?";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<FaultTenant> CreateAsync(NodeProcess node, GraphApiStandIn graph, int agents, string? expiresAfter = null)
    {
        var tenant = await HttpTenant.CreateAsync(node.BaseAddress, FaultNode.OperatorKey);
        var names = new List<string>();
        var keys = new Dictionary<string, string>();
        for (var i = 0; i < agents; i++)
        {
            var (member, key) = await tenant.AddMemberAsync($"agent{i}", available: true);
            names.Add(member);
            keys[member] = key;
        }

        await tenant.AddGroupAsync(GroupId, names);
        var flow = new
        {
            name = "Fault flow",
            expiresAfter,
            start = "name",
            blocks = new object[]
            {
                new { id = "name", type = "question", text = NameQuestion, variable = "name", next = "document" },
                new { id = "document", type = "question", text = DocumentQuestion, variable = "document", next = "human" },
                new { id = "human", type = "connect_agent", crm = "truora_conversations", assign = new { mode = "available", groupId = GroupId }, next = (string?)null },
            },
        };
        await tenant.PutFlowAsync("fault", JsonSerializer.Serialize(flow, JsonSerializerOptions.Web));
        await tenant.PutChannelAsync(graph.BaseUrl, "fault");
        return new FaultTenant(tenant.Id, tenant.AdminKey, names, keys);
    }

    /// <summary>
    /// The user's message, delivered until a node answers 200, to the next node on each attempt; every other answer
    /// (0 for no answer at all) is added to <paramref name="refusals"/>.
    /// </summary>
    public async Task DeliverAsync(IReadOnlyList<NodeProcess> nodes, string phone, string text, ICollection<int>? refusals = null, TimeSpan? patience = null)
    {
        var bytes = Webhook(phone, text);
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(90));
        for (var attempt = Random.Shared.Next(nodes.Count); ; attempt++)
        {
            int status;
            try
            {
                using var response = await SendAsync(nodes[attempt % nodes.Count], bytes);
                status = (int)response.StatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !Cancel.IsCancellationRequested)
            {
                status = 0;
            }

            if (status == 200)
            {
                return;
            }

            if (refusals is not null)
            {
                lock (refusals)
                {
                    refusals.Add(status);
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"'{text}' from {phone} was never accepted; last answer {status}.");
            await Task.Delay(200, Cancel);
        }
    }

    /// <summary>One delivery of a fresh message, whatever the answer; the caller disposes the response.</summary>
    public Task<HttpResponseMessage> SendOnceAsync(NodeProcess node, string phone, string text) => SendAsync(node, Webhook(phone, text));

    /// <summary>A signed-to-be webhook of one text message; a given <paramref name="messageId"/> makes Meta's retry of it.</summary>
    public static byte[] Webhook(string phone, string text, string? messageId = null) =>
        Encoding.UTF8.GetBytes(MetaPayloads.TextMessage(phone, messageId ?? MetaPayloads.NewMessageId(), text, MetaPayloads.Now));

    /// <summary>One delivery of exactly these bytes, signed with the tenant's app secret; the caller disposes the response.</summary>
    public async Task<HttpResponseMessage> SendAsync(NodeProcess node, byte[] body)
    {
        using var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(40) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/webhooks/whatsapp/{Id}")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add("X-Hub-Signature-256", WhatsAppTenant.Signature(body, WhatsAppTenant.AppSecret));
        return await client.SendAsync(request, Cancel);
    }

    /// <summary>Every conversation of the tenant (a few hundred at most), as (phone, id), once at least <paramref name="expected"/> are listed.</summary>
    public async Task<List<(string Phone, string Id)>> ConversationsAsync(NodeProcess node, int expected)
    {
        using var admin = Client(node, AdminKey);
        var read = await Poll.UntilAsync(
            async () => ConversationJson.Items(await admin.GetFromJsonAsync<JsonElement>("/v1/conversations?view=all&limit=200", Cancel)),
            items => items.Length >= expected,
            $"{expected} conversations in the admins' list",
            TimeSpan.FromSeconds(60));
        return [.. read.Select(item => (ConversationJson.Phone(item)!, ConversationJson.Id(item)))];
    }

    public async Task<JsonElement> ConversationAsync(NodeProcess node, string id)
    {
        using var admin = Client(node, AdminKey);
        return await admin.GetFromJsonAsync<JsonElement>($"/v1/conversations/{id}", Cancel);
    }

    public static HttpClient Client(NodeProcess node, string key) => HttpTenant.Client(node.BaseAddress, key);
}
