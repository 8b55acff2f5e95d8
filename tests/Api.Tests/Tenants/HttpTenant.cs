using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Truora.Api.Tests.EndToEnd;

namespace Truora.Api.Tests.Tenants;

/// <summary>
/// The one way Api tests make a tenant and what is in it, over HTTP against any node (in-process or a process of its
/// own): each step is the contract's route, and a refusal fails the test with the node's answer. Deconstructs into
/// (id, admin key).
/// </summary>
public sealed record HttpTenant(Uri Node, string Id, string AdminKey)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A fresh tenant, made with the operator key.</summary>
    public static async Task<HttpTenant> CreateAsync(Uri node, string operatorKey)
    {
        var id = $"t-{Guid.NewGuid():N}"[..20];
        using var client = Client(node, operatorKey);
        using var response = await client.PostAsJsonAsync("/v1/tenants", new { id, name = "Tenant " + id, timeZone = "America/Bogota" }, Cancel);
        await response.ExpectAsync(HttpStatusCode.Created);
        return new HttpTenant(node, id, (await response.ReadJsonAsync()).GetProperty("adminKey").GetString()!);
    }

    /// <summary>A new member (a fresh id unless given), available when asked; returns its id and API key.</summary>
    public Task<(string Id, string Key)> AddMemberAsync(string? id = null, string role = "agent_role", bool available = false) =>
        AddMemberAsync(Node, AdminKey, id, role, available);

    /// <inheritdoc cref="AddMemberAsync(string?, string, bool)"/>
    public static async Task<(string Id, string Key)> AddMemberAsync(Uri node, string adminKey, string? id = null, string role = "agent_role", bool available = false)
    {
        id ??= $"m-{Guid.NewGuid():N}"[..20];
        using var admin = Client(node, adminKey);
        using var response = await admin.PostAsJsonAsync("/v1/members", new { id, name = "Member " + id, email = $"{id}@example.com", role }, Cancel);
        await response.ExpectAsync(HttpStatusCode.Created);
        var key = (await response.ReadJsonAsync()).GetProperty("apiKey").GetString()!;
        if (available)
        {
            using var member = Client(node, key);
            using var status = await member.PutAsJsonAsync("/v1/me/status", new { status = "available" }, Cancel);
            await status.ExpectAsync(HttpStatusCode.OK);
        }

        return (id, key);
    }

    /// <summary>A new group <paramref name="id"/> of <paramref name="memberIds"/>, in rotation order.</summary>
    public async Task AddGroupAsync(string id, IEnumerable<string> memberIds)
    {
        using var admin = Client(Node, AdminKey);
        using var response = await admin.PostAsJsonAsync("/v1/groups", new { id, name = "Support", memberIds = memberIds.ToArray() }, Cancel);
        await response.ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>A new flow <paramref name="id"/> from its JSON definition.</summary>
    public async Task PutFlowAsync(string id, string json)
    {
        using var admin = Client(Node, AdminKey);
        using var response = await admin.PutAsync($"/v1/flows/{id}", new StringContent(json, Encoding.UTF8, "application/json"), Cancel);
        await response.ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>
    /// The tenant's first WhatsApp channel, with <see cref="WhatsAppTenant"/>'s phone number id and secrets, posting to
    /// <paramref name="graphApiBaseUrl"/> and starting <paramref name="defaultFlowId"/> for a new contact.
    /// </summary>
    public async Task PutChannelAsync(string graphApiBaseUrl, string defaultFlowId, string? finishMessage = null)
    {
        using var admin = Client(Node, AdminKey);
        using var response = await admin.PutAsJsonAsync("/v1/channels/whatsapp", new
        {
            phoneNumberId = WhatsAppTenant.PhoneNumberId,
            accessToken = WhatsAppTenant.AccessToken,
            appSecret = WhatsAppTenant.AppSecret,
            verifyToken = WhatsAppTenant.VerifyToken,
            graphApiBaseUrl,
            defaultFlowId,
            finishMessage,
        }, Cancel);
        await response.ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>A new template <paramref name="name"/>.</summary>
    public async Task PutTemplateAsync(string name, string language, string body, bool approved)
    {
        using var admin = Client(Node, AdminKey);
        using var response = await admin.PutAsJsonAsync($"/v1/templates/{name}", new { language, body, approved }, Cancel);
        await response.ExpectAsync(HttpStatusCode.Created);
    }

    public void Deconstruct(out string id, out string adminKey) => (id, adminKey) = (Id, AdminKey);

    /// <summary>A client of <paramref name="node"/> with <paramref name="key"/>; 40 s per request, for nodes under load.</summary>
    public static HttpClient Client(Uri node, string key)
    {
        var client = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(40) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
