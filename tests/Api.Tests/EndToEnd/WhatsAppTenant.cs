using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Truora.Api.Tests.Tenants;
using Truora.Tests;

namespace Truora.Api.Tests.EndToEnd;

/// <summary>
/// A fresh tenant wired for WhatsApp: two available agents in group <see cref="GroupId"/>, the KYC flow as the
/// channel's default, and the channel pointed at its own <see cref="GraphApiStandIn"/>.
/// </summary>
internal sealed class WhatsAppTenant : IAsyncDisposable
{
    public const string PhoneNumberId = "106540352242922";
    public const string AccessToken = "EAAJB-stand-in-access-token";
    public const string AppSecret = "6f3b2c1d0e9a8b7c6d5e4f3a2b1c0d9e";
    public const string VerifyToken = "acme-verify-token";
    public const string GroupId = "g-support";
    public const string FlowId = "kyc";
    public const string FinishMessage = "Bye from Acme";
    public const string Document = "1020304050";

    private readonly HttpClient meta;

    private WhatsAppTenant(InProcessNode node, HttpTenant tenant, (string Id, string Key) first, (string Id, string Key) second, GraphApiStandIn graph)
    {
        Http = tenant;
        Graph = graph;
        meta = node.Client();
        Admin = node.Client(tenant.AdminKey);
        FirstAgentId = first.Id;
        FirstAgentKey = first.Key;
        FirstAgent = node.Client(first.Key);
        SecondAgentId = second.Id;
        SecondAgentKey = second.Key;
        SecondAgent = node.Client(second.Key);
    }

    /// <summary>The tenant as its builder knows it: its id and admin key, and the steps to add to it.</summary>
    public HttpTenant Http { get; }

    public string Id => Http.Id;

    public GraphApiStandIn Graph { get; }

    /// <summary>The tenant admin key's client.</summary>
    public HttpClient Admin { get; }

    /// <summary>The first member of the group: the available rotation hands it the tenant's first conversation.</summary>
    public string FirstAgentId { get; }

    public HttpClient FirstAgent { get; }

    public string FirstAgentKey { get; }

    public string SecondAgentKey { get; }

    public string SecondAgentId { get; }

    public HttpClient SecondAgent { get; }

    public static async Task<WhatsAppTenant> CreateAsync(InProcessNode node)
    {
        var graph = await GraphApiStandIn.StartAsync();
        try
        {
            var tenant = await node.CreateTenantAsync();
            var first = await tenant.AddMemberAsync(available: true);
            var second = await tenant.AddMemberAsync(available: true);
            await tenant.AddGroupAsync(GroupId, [first.Id, second.Id]);
            await tenant.PutFlowAsync(FlowId, KycFlow.Json());
            await tenant.PutChannelAsync(graph.BaseUrl, FlowId, FinishMessage);
            return new WhatsAppTenant(node, tenant, first, second, graph);
        }
        catch
        {
            await graph.DisposeAsync();
            throw;
        }
    }

    /// <summary>Meta's webhook for this tenant (or <paramref name="tenantId"/>), signed with the app secret or <paramref name="secret"/>.</summary>
    /// <param name="chunked">Sends the body without a Content-Length, as a proxy that streams it may.</param>
    public async Task<HttpResponseMessage> SendWebhookAsync(string body, string? secret = null, string? tenantId = null, bool chunked = false)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/webhooks/whatsapp/{tenantId ?? Id}")
        {
            Content = new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add("X-Hub-Signature-256", Signature(bytes, secret ?? AppSecret));
        request.Headers.TransferEncodingChunked = chunked;
        return await meta.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The user writes <paramref name="text"/> (a fresh message id, sent now); returns the message id.</summary>
    public async Task<string> SayAsync(string user, string text)
    {
        var messageId = MetaPayloads.NewMessageId();
        using var response = await SendWebhookAsync(MetaPayloads.TextMessage(user, messageId, text, MetaPayloads.Now));
        await response.ExpectAsync(HttpStatusCode.OK);
        return messageId;
    }

    /// <summary>The user says hi, gets both prompts, answers the document number and is handed off; returns the conversation id.</summary>
    public async Task<string> ReachAgentAsync(string user, string document = Document)
    {
        await SayAsync(user, "hi");
        await Graph.WaitForAsync(posts => HasBothPrompts(posts, user), Poll.Patience);
        await SayAsync(user, document);
        var open = await Poll.UntilAsync(
            () => ListAsync(Admin, "view=all&status=open"),
            items => items.Any(item => ConversationJson.Phone(item) == user),
            $"an open conversation with {user}");
        return ConversationJson.Id(open.First(item => ConversationJson.Phone(item) == user));
    }

    public static bool HasBothPrompts(IReadOnlyList<RecordedPost> posts, string user) =>
        posts.Any(post => post.To == user && post.Succeeded && post.Text == KycFlow.Welcome)
        && posts.Any(post => post.To == user && post.Succeeded && post.Text == KycFlow.Question);

    public static async Task<JsonElement[]> ListAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/v1/conversations?{query}", TestContext.Current.CancellationToken);
        await response.ExpectAsync(HttpStatusCode.OK);
        return ConversationJson.Items(await response.ReadJsonAsync());
    }

    public static async Task<JsonElement> ConversationAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/v1/conversations/{id}", TestContext.Current.CancellationToken);
        await response.ExpectAsync(HttpStatusCode.OK);
        return await response.ReadJsonAsync();
    }

    public static string Signature(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public async ValueTask DisposeAsync()
    {
        meta.Dispose();
        Admin.Dispose();
        FirstAgent.Dispose();
        SecondAgent.Dispose();
        await Graph.DisposeAsync();
    }
}
