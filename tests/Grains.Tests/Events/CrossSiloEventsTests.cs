using Truora.Grains.Interfaces.Events;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.WhatsApp;
using Truora.Grains.Tests.Routing;
using Truora.Grains.Tests.Tenants;

namespace Truora.Grains.Tests.Events;

/// <summary>Events reach a stream subscribed from outside the silos, whichever silos the grains run on.</summary>
[Collection(RoutingCollection.Name)]
public sealed class CrossSiloEventsTests(RoutingCluster fixture)
{
    [Fact]
    public async Task AnAgentsStreamGetsEveryEventOfItsConversationAcrossThreeSilos()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(1);
        var group = await tenant.GroupAsync(agents);
        var stream = new RecordingStream();
        var observer = fixture.Client.CreateObjectReference<IAgentEventsObserver>(stream);
        await Inbox(tenant, "a0").SubscribeAsync(observer);

        var conversation = await tenant.HandOffAsync(RotationMode.Available, group);
        await tenant.ConversationRouting(conversation.Id).AppendUserMessageAsync(
            new InboundMessage("wamid.1", "573001234567", "Ana", DateTimeOffset.UtcNow, "hello?", InboundMessageKinds.Text));
        await tenant.Conversation(conversation.Id).CloseAsync(tenant.AgentCaller("a0"));

        var events = await stream.WaitForAsync(3);
        Assert.Equal([AgentEventTypes.Assigned, AgentEventTypes.MessageReceived, AgentEventTypes.Closed], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(conversation.Id, e.ConversationId));
        Assert.Equal(events.Select(e => e.Id).Order(), events.Select(e => e.Id));
        Assert.Equal(3, (await Inbox(tenant, "a0").ReadSinceAsync(0)).Count);
        await Inbox(tenant, "a0").UnsubscribeAsync(observer);
        GC.KeepAlive(stream);
    }

    [Fact]
    public async Task AWaitingConversationIsAnnouncedToEveryAgentOfTheGroup()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(2, AgentStatus.Unavailable);
        var group = await tenant.GroupAsync(agents);
        var streams = agents.Select(_ => new RecordingStream()).ToArray();
        var observers = streams.Select(fixture.Client.CreateObjectReference<IAgentEventsObserver>).ToArray();
        for (var i = 0; i < agents.Length; i++)
        {
            await Inbox(tenant, agents[i]).SubscribeAsync(observers[i]);
        }

        var conversation = await tenant.HandOffAsync(RotationMode.None, group);

        foreach (var stream in streams)
        {
            var waiting = Assert.Single(await stream.WaitForAsync(1));
            Assert.Equal(AgentEventTypes.Waiting, waiting.Type);
            Assert.Equal(conversation.Id, waiting.ConversationId);
            Assert.Equal(group, waiting.GroupId);
        }

        GC.KeepAlive(streams);
    }

    [Fact]
    public async Task SettingsOffAreStampedOnEventsAtSendTime()
    {
        var tenant = await fixture.NewTenantAsync();
        var agents = await tenant.AgentsAsync(1);
        var group = await tenant.GroupAsync(agents);
        var stream = new RecordingStream();
        var observer = fixture.Client.CreateObjectReference<IAgentEventsObserver>(stream);
        await Inbox(tenant, "a0").SubscribeAsync(observer);

        await tenant.HandOffAsync(RotationMode.Available, group);
        await tenant.Member("a0").SetNotificationSettingsAsync(new NotificationSettings(Notifications: false, Sound: true));
        await tenant.HandOffAsync(RotationMode.Available, group);

        var events = await stream.WaitForAsync(2);
        Assert.True(events[0].Notify);
        Assert.False(events[1].Notify);
        Assert.True(events[1].Sound);
        GC.KeepAlive(stream);
    }

    private static IAgentInboxGrain Inbox(TenantScope tenant, string member) =>
        tenant.Enter().GetGrain<IAgentInboxGrain>(Interfaces.EntityId.Key(tenant.Tenant, member));
}
