using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Events;
using Truora.Grains.Tests.Events;

namespace Truora.Grains.Tests.Faults;

/// <summary>
/// An agent's event ids never repeat nor go backwards, and no id is shown before a stored reservation covers it, even
/// when storage fails under the inbox's replay buffer.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class EventIdOutageTests(OutageCluster fixture)
{
    [Fact]
    public async Task AnInboxWhoseBufferWasNeverStoredNumbersAfterEveryIdItShowed()
    {
        var tenant = await fixture.NewTenantAsync();
        var inbox = Inbox(tenant.Enter(), tenant.Tenant, "a1");
        var stream = new RecordingStream();
        var observer = fixture.Cluster.Client.CreateObjectReference<IAgentEventsObserver>(stream);
        await inbox.SubscribeAsync(observer);
        for (var i = 0; i < 3; i++)
        {
            await inbox.PublishAsync(Notice(i));
        }

        var shown = (await stream.WaitForAsync(3)).Max(e => e.Id);
        // The replay buffer is written a second later at the earliest: storage goes away before, so the inbox dies
        // with its last ids unstored, as in a crash.
        fixture.Outage.Begin();
        await fixture.Cluster.DeactivateAsync(inbox);
        fixture.Outage.End();
        await Inbox(tenant.Enter(), tenant.Tenant, "a1").PublishAsync(Notice(3));

        var after = Assert.Single(await Inbox(tenant.Enter(), tenant.Tenant, "a1").ReadSinceAsync(0));
        Assert.True(after.Id > shown, $"After the lost buffer the next event has id {after.Id}, not above {shown} shown before.");
        GC.KeepAlive(stream);
    }

    [Fact]
    public async Task EventsPastTheStoredReservationWaitForItAndArriveInOrder()
    {
        var tenant = await fixture.NewTenantAsync();
        var inbox = Inbox(tenant.Enter(), tenant.Tenant, "a2");
        var stream = new RecordingStream();
        var observer = fixture.Cluster.Client.CreateObjectReference<IAgentEventsObserver>(stream);
        await inbox.SubscribeAsync(observer);

        // The activation reserved a block of ids; with storage down no further block can be stored.
        fixture.Outage.Begin();
        const int Burst = 1_100;
        for (var i = 0; i < Burst; i++)
        {
            await inbox.PublishAsync(Notice(i));
        }

        var shownWhileDown = stream.Received.Count;
        var replayableWhileDown = (await inbox.ReadSinceAsync(0)).Count;
        fixture.Outage.End();
        await stream.WaitForAsync(Burst);

        // Orleans delivers an observer's one-way messages in no set order (the SSE stream puts them back in order):
        // what counts here is which ids were shown while their reservation could not be stored.
        Assert.InRange(shownWhileDown, 1, Burst - 1);
        Assert.Equal(shownWhileDown, replayableWhileDown);
        var ids = stream.Received.Select(e => e.Id).Order().ToList();
        Assert.Equal(Burst, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range((int)ids[0], Burst).Select(id => (long)id), ids);
        GC.KeepAlive(stream);
    }

    private static IAgentInboxGrain Inbox(IClusterClient client, Interfaces.Tenants.TenantId tenant, string member) =>
        client.GetGrain<IAgentInboxGrain>(EntityId.Key(tenant, member));

    private static AgentNotice Notice(int i) => new(AgentEventTypes.MessageReceived, ConversationId.Parse($"c{i}"), DateTimeOffset.UtcNow, $"message {i}", null, null);
}
