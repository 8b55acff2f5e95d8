using Orleans.Utilities;
using Truora.Grains.Access;
using Truora.Grains.Interfaces.Events;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Storage;

namespace Truora.Grains.Events;

/// <summary>
/// An agent's event inbox. Every method interleaves (publishers never wait on a slow stream), so each makes
/// its change before its first await and writes through a coalescing writer. Streams are grain observers:
/// an SSE connection on any silo subscribes and renews; one that stops renewing expires.
/// </summary>
public sealed class AgentInboxGrain : Grain, IAgentInboxGrain, ITenantOwnedGrain
{
    public static readonly TimeSpan SubscriptionExpiry = TimeSpan.FromMinutes(2);
    private const int EventsKeptAtLeast = 1000;
    private const int EventsKeptAtMost = 5000;
    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);
    private static readonly TimeSpan FlushDelay = TimeSpan.FromSeconds(1);

    private readonly IPersistentState<AgentInboxState> state;
    private readonly StateWriter<AgentInboxState> writer;
    private readonly ObserverManager<IAgentEventsObserver> streams;
    private readonly ShutdownReach shutdown;
    private IGrainTimer? flush;

    public AgentInboxGrain(
        [PersistentState("agent-inbox", GrainStorage.Name)] IPersistentState<AgentInboxState> state,
        ShutdownReach shutdown,
        ILogger<AgentInboxGrain> logger)
    {
        this.state = state;
        this.shutdown = shutdown;
        writer = new StateWriter<AgentInboxState>(state);
        streams = new ObserverManager<IAgentEventsObserver>(SubscriptionExpiry, logger);
    }

    public Task PublishAsync(AgentNotice notice)
    {
        var inbox = state.State;
        var agentEvent = new AgentEvent(++inbox.LastId, notice.Type, notice.ConversationId, notice.At,
            !inbox.NotificationsOff, !inbox.SoundOff, notice.Text, notice.GroupId, notice.OwnerId);
        inbox.Events.Add(agentEvent);
        Trim(inbox.Events, notice.At);
        streams.Notify(stream => stream.OnEvent(agentEvent));
        ScheduleFlush();
        return Task.CompletedTask;
    }

    /// <summary>
    /// The replay buffer is written at most once a second (and when the inbox deactivates): the buffer holds up to
    /// thousands of events, and a write per event would make every message cost more as the buffer fills. A silo
    /// crash can lose the last second of replay, never a conversation's own record.
    /// </summary>
    private void ScheduleFlush() =>
        flush ??= this.RegisterGrainTimer(static async (grain, _) =>
        {
            grain.flush?.Dispose();
            grain.flush = null;
            await grain.writer.WriteAsync();
        }, this, new GrainTimerCreationOptions(FlushDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (flush is not null)
        {
            flush.Dispose();
            flush = null;
            if (shutdown.CanWriteState(reason))
            {
                await writer.WriteAsync();
            }
        }
    }

    public Task SubscribeAsync(IAgentEventsObserver observer)
    {
        streams.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IAgentEventsObserver observer)
    {
        streams.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AgentEvent>> ReadSinceAsync(long lastEventId) =>
        Task.FromResult<IReadOnlyList<AgentEvent>>([.. state.State.Events.Where(agentEvent => agentEvent.Id > lastEventId)]);

    public async Task SetSettingsAsync(NotificationSettings settings)
    {
        state.State.NotificationsOff = !settings.Notifications;
        state.State.SoundOff = !settings.Sound;
        await writer.WriteAsync();
    }

    public Task<int> CountSubscribersAsync() => Task.FromResult(streams.Count);

    /// <summary>Keeps the last day's events, and at least the last thousand even when older.</summary>
    private static void Trim(List<AgentEvent> events, DateTimeOffset now)
    {
        var drop = 0;
        while (events.Count - drop > EventsKeptAtMost
            || (events.Count - drop > EventsKeptAtLeast && now - events[drop].At > KeptFor))
        {
            drop++;
        }

        if (drop > 0)
        {
            events.RemoveRange(0, drop);
        }
    }
}
