using System.Globalization;
using System.Text.Json;
using Truora.Api.Tests.EndToEnd;
using Truora.Grains.Interfaces.Events;
using Truora.Tests;

namespace Truora.Api.Tests.Events;

/// <summary>
/// A stream resumed with <c>Last-Event-ID</c> replays exactly what its agent missed: the events after that id, in
/// order, before any new one; a stream opened without it starts with new events only.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class LastEventIdReplayTests(InProcessNode node)
{
    /// <remarks>
    /// The missed events are in the inbox, and no stream is subscribed, before the agent reconnects, so a server that
    /// ignored the header (live events only) would send "live" alone, and one that replayed from anywhere but the
    /// given id would send "seen" or the assignment too. The live event after the reconnect marks the replay's end.
    /// </remarks>
    [Fact]
    public async Task AReconnectGetsExactlyTheEventsMissedWhileAwayInOrderBeforeNewOnes()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var user = NewPhone();
        long seen;
        await using (var stream = await SseStream.OpenAsync(tenant.FirstAgent))
        {
            await tenant.ReachAgentAsync(user);
            await stream.NextAsync(AgentEventTypes.Assigned);
            await tenant.SayAsync(user, "seen");
            seen = (await stream.NextAsync(AgentEventTypes.MessageReceived)).Id;
        }

        await AgentInboxes.WaitForSubscribersAsync(node, tenant.Id, tenant.FirstAgentId, 0);
        string[] missed = ["missed 1", "missed 2", "missed 3"];
        foreach (var text in missed)
        {
            await tenant.SayAsync(user, text);
        }

        var inbox = AgentInboxes.Of(node, tenant.Id, tenant.FirstAgentId);
        var kept = await Poll.UntilAsync(
            () => inbox.ReadSinceAsync(seen), events => events.Count == missed.Length, $"the inbox to keep the {missed.Length} missed events");
        await using var resumed = await SseStream.OpenAsync(tenant.FirstAgent, lastEventId: seen);
        await AgentInboxes.WaitForSubscribersAsync(node, tenant.Id, tenant.FirstAgentId, 1);
        await tenant.SayAsync(user, "live");
        var received = await UntilTextAsync(resumed, "live");

        Assert.Equal([.. missed, "live"], received.Select(Text));
        Assert.All(received, e => Assert.Equal(AgentEventTypes.MessageReceived, e.Data.GetProperty("type").GetString()));
        Assert.Equal(kept.Select(e => e.Id), received.Take(missed.Length).Select(e => e.Id));
        Assert.True(received[0].Id > seen, $"The replay began at id {received[0].Id}, not after {seen}.");
        Assert.Equal(received.Select(e => e.Id).Order(), received.Select(e => e.Id));
        Assert.Equal(received.Count, received.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task AStreamOpenedWithoutLastEventIdStartsWithNewEventsOnly()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var user = NewPhone();
        await tenant.ReachAgentAsync(user);
        await tenant.SayAsync(user, "before");
        await Poll.UntilAsync(
            () => AgentInboxes.Of(node, tenant.Id, tenant.FirstAgentId).ReadSinceAsync(0), events => events.Count >= 2, "the inbox to keep the earlier events");

        await using var stream = await SseStream.OpenAsync(tenant.FirstAgent);
        await AgentInboxes.WaitForSubscribersAsync(node, tenant.Id, tenant.FirstAgentId, 1);
        await tenant.SayAsync(user, "after");

        Assert.Equal("after", Text(await stream.NextAsync()));
    }

    /// <summary>The events read up to and including the first whose text is <paramref name="text"/>.</summary>
    private static async Task<List<(long Id, JsonElement Data)>> UntilTextAsync(SseStream stream, string text)
    {
        var received = new List<(long Id, JsonElement Data)>();
        try
        {
            do
            {
                received.Add(await stream.NextAsync());
            }
            while (Text(received[^1]) != text);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"'{text}' never arrived; the stream sent {Poll.Describe(received.Select(e => e.Data))}");
        }

        return received;
    }

    private static string? Text((long Id, JsonElement Data) agentEvent) => ConversationJson.String(agentEvent.Data, "text");

    private static string NewPhone() => "5730" + Random.Shared.NextInt64(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);
}
