using System.Net.Http.Json;
using Truora.Api.Tests.EndToEnd;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Events;

namespace Truora.Api.Tests.Events;

[Collection(NodeCollection.Name)]
public sealed class EventStreamTests(InProcessNode node)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheAgentSeesItsNewConversationAndTheUsersMessagesAsTheyHappen()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        await using var stream = await SseStream.OpenAsync(tenant.FirstAgent);

        var conversation = await tenant.ReachAgentAsync("573001110001");
        var assigned = await stream.NextAsync(AgentEventTypes.Assigned);
        await tenant.SayAsync("573001110001", "are you there?");
        var message = await stream.NextAsync(AgentEventTypes.MessageReceived);

        Assert.Equal(conversation, assigned.Data.GetProperty("conversationId").GetString());
        Assert.True(assigned.Data.GetProperty("notify").GetBoolean());
        Assert.True(assigned.Data.GetProperty("sound").GetBoolean());
        Assert.EndsWith("Z", assigned.Data.GetProperty("at").GetString(), StringComparison.Ordinal);
        Assert.Equal("are you there?", message.Data.GetProperty("text").GetString());
        Assert.True(message.Id > assigned.Id);
    }

    [Fact]
    public async Task NotificationSettingsOffAreCarriedOnTheEvents()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        using var quiet = await tenant.FirstAgent.PutAsJsonAsync("/v1/me/notification-settings", new { notifications = false, sound = false }, Cancel);
        quiet.EnsureSuccessStatusCode();
        await using var stream = await SseStream.OpenAsync(tenant.FirstAgent);

        await tenant.ReachAgentAsync("573001110002");
        var assigned = await stream.NextAsync(AgentEventTypes.Assigned);

        Assert.False(assigned.Data.GetProperty("notify").GetBoolean());
        Assert.False(assigned.Data.GetProperty("sound").GetBoolean());
    }

    [Fact]
    public async Task TwoConnectionsOfOneAgentBothGetEveryEvent()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        await using var first = await SseStream.OpenAsync(tenant.FirstAgent);
        await using var second = await SseStream.OpenAsync(tenant.FirstAgent);

        var conversation = await tenant.ReachAgentAsync("573001110003");

        Assert.Equal(conversation, (await first.NextAsync(AgentEventTypes.Assigned)).Data.GetProperty("conversationId").GetString());
        Assert.Equal(conversation, (await second.NextAsync(AgentEventTypes.Assigned)).Data.GetProperty("conversationId").GetString());
    }

    [Fact]
    public async Task AClosedConnectionLeavesNoSubscriptionBehind()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        await using (var stream = await SseStream.OpenAsync(tenant.FirstAgent))
        {
            await WaitForSubscribersAsync(tenant.Id, tenant.FirstAgentId, 1);
        }

        await WaitForSubscribersAsync(tenant.Id, tenant.FirstAgentId, 0);
        Assert.Equal(0, await Inbox(tenant.Id, tenant.FirstAgentId).CountSubscribersAsync());
    }

    /// <summary>Orleans delivers an observer's one-way messages in no set order: a burst reaches the stream shuffled.</summary>
    [Fact]
    public async Task ABurstOfEventsIsStreamedInOrderWithoutGaps()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        await using var stream = await SseStream.OpenAsync(tenant.FirstAgent);
        await WaitForSubscribersAsync(tenant.Id, tenant.FirstAgentId, 1);
        var inbox = Inbox(tenant.Id, tenant.FirstAgentId);
        const int Burst = 300;

        await Task.WhenAll(Enumerable.Range(0, Burst).Select(i =>
            inbox.PublishAsync(new AgentNotice(AgentEventTypes.MessageReceived, ConversationId.Parse("c-burst"), DateTimeOffset.UtcNow, $"burst {i}"))));
        var ids = new List<long>();
        for (var i = 0; i < Burst; i++)
        {
            ids.Add((await stream.NextAsync(AgentEventTypes.MessageReceived)).Id);
        }

        Assert.Equal(Enumerable.Range(0, Burst).Select(i => ids[0] + i), ids);
    }

    [Fact]
    public async Task TheTenantAdminKeyHasNoEventStream()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);

        using var response = await tenant.Admin.GetAsync("/v1/me/events", Cancel);

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }

    private IAgentInboxGrain Inbox(string tenant, string member) => AgentInboxes.Of(node, tenant, member);

    private Task WaitForSubscribersAsync(string tenant, string member, int expected) =>
        AgentInboxes.WaitForSubscribersAsync(node, tenant, member, expected);
}
