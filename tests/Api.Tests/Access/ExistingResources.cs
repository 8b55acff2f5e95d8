using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Truora.Api.Tests.EndToEnd;
using Truora.Tests;

namespace Truora.Api.Tests.Access;

/// <summary>
/// A fresh tenant with one of each resource a route reaches by id, and the placeholders <see cref="ResourceCase"/>s
/// name them by: <c>{tenant}</c>; <c>{group}</c> (<see cref="WhatsAppTenant.GroupId"/>) of two agents, <c>{owner}</c>
/// (the first) and <c>{member}</c> (the second); <c>{flow}</c> (the channel's default); <c>{template}</c>; the channel;
/// <c>{conversation}</c>, assigned to <c>{owner}</c>, with the contact <c>{phone}</c>; and <c>{caller}</c>, the member
/// making the call.
/// </summary>
internal sealed class ExistingResources : IAsyncDisposable
{
    public const string Template = "welcome_back";

    private ExistingResources(WhatsAppTenant tenant, string phone, string conversationId)
    {
        Tenant = tenant;
        Phone = phone;
        ConversationId = conversationId;
    }

    public WhatsAppTenant Tenant { get; }

    public string Phone { get; }

    public string ConversationId { get; }

    public static async Task<ExistingResources> CreateAsync(InProcessNode node)
    {
        var tenant = await WhatsAppTenant.CreateAsync(node);
        try
        {
            await tenant.Http.PutTemplateAsync(Template, "es", "Welcome back", approved: true);
            var phone = "5730" + Random.Shared.NextInt64(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);
            var conversation = await tenant.ReachAgentAsync(phone);
            var owned = await Poll.UntilAsync(
                () => WhatsAppTenant.ConversationAsync(tenant.Admin, conversation),
                details => ConversationJson.String(details, "ownerId") is not null,
                $"conversation {conversation} to have an owner");
            Assert.Equal(tenant.FirstAgentId, ConversationJson.String(owned, "ownerId"));
            return new ExistingResources(tenant, phone, conversation);
        }
        catch
        {
            await tenant.DisposeAsync();
            throw;
        }
    }

    /// <summary><paramref name="text"/> with its placeholders filled in; <paramref name="caller"/> is <c>{caller}</c>.</summary>
    public string Resolve(string text, string? caller = null) => text
        .Replace("{tenant}", Tenant.Id, StringComparison.Ordinal)
        .Replace("{member}", Tenant.SecondAgentId, StringComparison.Ordinal)
        .Replace("{owner}", Tenant.FirstAgentId, StringComparison.Ordinal)
        .Replace("{group}", WhatsAppTenant.GroupId, StringComparison.Ordinal)
        .Replace("{flow}", WhatsAppTenant.FlowId, StringComparison.Ordinal)
        .Replace("{template}", Template, StringComparison.Ordinal)
        .Replace("{conversation}", ConversationId, StringComparison.Ordinal)
        .Replace("{phone}", Phone, StringComparison.Ordinal)
        .Replace("{caller}", caller ?? "{caller}", StringComparison.Ordinal);

    /// <summary>
    /// The status and body the tenant's own admin key reads at <paramref name="path"/>, without delivery states
    /// (Meta's answers move them on their own), so two readings are equal when nobody changed the resource.
    /// </summary>
    public async Task<string> ReadAsync(string path)
    {
        using var response = await Tenant.Admin.GetAsync(Resolve(path), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return $"{(int)response.StatusCode} {WithoutDeliveryStates(body)}";
    }

    /// <summary>Both agents' keys still work: nobody rotated them or deleted their members.</summary>
    public async Task AssertAgentKeysWorkAsync()
    {
        foreach (var agent in new[] { Tenant.FirstAgent, Tenant.SecondAgent })
        {
            using var response = await agent.GetAsync("/v1/me", TestContext.Current.CancellationToken);
            await response.ExpectAsync(HttpStatusCode.OK);
        }
    }

    public ValueTask DisposeAsync() => Tenant.DisposeAsync();

    private static string WithoutDeliveryStates(string body)
    {
        if (body.Length == 0)
        {
            return body;
        }

        var json = JsonNode.Parse(body);
        Remove(json, "delivery");
        return json?.ToJsonString() ?? "null";
    }

    private static void Remove(JsonNode? node, string property)
    {
        switch (node)
        {
            case JsonObject item:
                item.Remove(property);
                foreach (var (_, child) in item)
                {
                    Remove(child, property);
                }

                break;
            case JsonArray items:
                foreach (var child in items)
                {
                    Remove(child, property);
                }

                break;
        }
    }
}
