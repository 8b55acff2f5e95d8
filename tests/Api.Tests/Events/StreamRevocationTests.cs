using System.Net;
using System.Net.Http.Headers;
using Truora.Api.Tests.EndToEnd;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Events;

namespace Truora.Api.Tests.Events;

/// <summary>An event stream lives no longer than its key, and a member created again starts with no events.</summary>
[Collection(NodeCollection.Name)]
public sealed class StreamRevocationTests(InProcessNode node)
{
    private static readonly TimeSpan EndsWithin = TimeSpan.FromSeconds(5);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AStreamEndsWhenItsKeyIsRotated()
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        var (member, key) = await node.CreateMemberAsync(adminKey);
        using var response = await OpenAsync(key);

        using var admin = node.Client(adminKey);
        using var rotated = await admin.PostAsync($"/v1/members/{member}/keys", null, Cancel);
        await rotated.ExpectAsync(HttpStatusCode.Created);

        await AssertEndsAsync(response);
    }

    [Fact]
    public async Task AStreamEndsWhenItsMemberIsDeleted()
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        var (member, key) = await node.CreateMemberAsync(adminKey);
        using var response = await OpenAsync(key);

        using var admin = node.Client(adminKey);
        using var deleted = await admin.DeleteAsync($"/v1/members/{member}", Cancel);
        await deleted.ExpectAsync(HttpStatusCode.NoContent);

        await AssertEndsAsync(response);
    }

    [Fact]
    public async Task AMemberCreatedAgainUnderTheSameIdReplaysNothingOfTheOldOne()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        await tenant.ReachAgentAsync("573004440001");
        using (var deleted = await tenant.Admin.DeleteAsync($"/v1/members/{tenant.FirstAgentId}", Cancel))
        {
            await deleted.ExpectAsync(HttpStatusCode.NoContent);
        }

        // Something still addressed to the deleted member, as a conversation it owned may publish a moment later.
        await AgentInboxes.Of(node, tenant.Id, tenant.FirstAgentId)
            .PublishAsync(new AgentNotice(AgentEventTypes.MessageReceived, ConversationId.Parse("c-late"), DateTimeOffset.UtcNow, "late"));

        using var created = await tenant.Admin.PostAsync("/v1/members", JsonContent(new { id = tenant.FirstAgentId, name = "Again", email = "again@example.com", role = "agent_role" }), Cancel);
        await created.ExpectAsync(HttpStatusCode.Created);
        var newKey = (await created.ReadJsonAsync()).GetProperty("apiKey").GetString()!;
        using var agent = node.Client(newKey);
        await using var stream = await SseStream.OpenAsync(agent, lastEventId: 0);

        // The old member had events (its hand-off); the new one must see none of them.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.NextAsync(AgentEventTypes.Assigned, TimeSpan.FromSeconds(2)));
        Assert.Equal(0, stream.Events);
    }

    private async Task<HttpResponseMessage> OpenAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/me/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await node.Client(key).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancel);
        response.EnsureSuccessStatusCode();
        return response;
    }

    /// <summary>The server ends the stream: reading it to its end finishes within the limit.</summary>
    private static async Task AssertEndsAsync(HttpResponseMessage response)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        limit.CancelAfter(EndsWithin);
        await using var body = await response.Content.ReadAsStreamAsync(limit.Token);
        var buffer = new byte[4096];
        try
        {
            while (await body.ReadAsync(buffer, limit.Token) > 0)
            {
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !Cancel.IsCancellationRequested)
        {
            Assert.Fail($"The stream was still open {EndsWithin.TotalSeconds} s after its key stopped working.");
        }
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
