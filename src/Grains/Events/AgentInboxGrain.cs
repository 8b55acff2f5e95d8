using Microsoft.Extensions.Options;
using Orleans.Storage;
using Orleans.Utilities;
using Truora.Grains.Access;
using Truora.Grains.Interfaces.Events;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Storage;

namespace Truora.Grains.Events;

/// <summary>
/// An agent's event inbox. Publishing and subscribing interleave (publishers never wait on a slow stream or a
/// flush), reads are read-only, so each method makes its change before its first await and writes through a
/// coalescing writer. Streams are grain observers:
/// an SSE connection on any silo subscribes and renews; one that stops renewing expires.
/// </summary>
/// <remarks>
/// Event ids never repeat or go backwards, also when a silo dies between an event's delivery and the replay
/// buffer's next write: an id is shown to nobody until a committed reservation covers it, and an activation
/// starts numbering after everything the last one had reserved. Reservations are written a block ahead, so
/// publishing waits on them only in a burst of more than half a block between two writes.
/// </remarks>
public sealed class AgentInboxGrain : Grain, IAgentInboxGrain, ITenantOwnedGrain
{
    public static readonly TimeSpan SubscriptionExpiry = TimeSpan.FromMinutes(2);
    private const int EventsKeptAtLeast = 1000;
    private const int EventsKeptAtMost = 5000;
    private const long IdsReservedAhead = 1000;
    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    private readonly IPersistentState<AgentInboxState> state;
    private readonly IPersistentState<EventIdReservationState> reservation;
    private readonly StateWriter<AgentInboxState> writer;
    private readonly WriteCoalescer reserver;
    private readonly ObserverManager<IAgentEventsObserver> streams;
    private readonly ShutdownReach shutdown;
    private readonly TimeSpan flushDelay;
    private IGrainTimer? flush;

    /// <summary>The highest id a committed reservation covers: events past it wait in <see cref="unreserved"/>.</summary>
    private long reservedDurably;
    private Queue<AgentEvent>? unreserved;

    public AgentInboxGrain(
        [PersistentState("agent-inbox", GrainStorage.Name)] IPersistentState<AgentInboxState> state,
        [PersistentState("agent-inbox-ids", GrainStorage.Name)] IPersistentState<EventIdReservationState> reservation,
        ShutdownReach shutdown,
        IOptions<AgentInboxOptions> options,
        ILogger<AgentInboxGrain> logger)
    {
        this.state = state;
        this.reservation = reservation;
        this.shutdown = shutdown;
        flushDelay = options.Value.FlushDelay;
        writer = new StateWriter<AgentInboxState>(state);
        reserver = new WriteCoalescer(WriteReservationAsync);
        streams = new ObserverManager<IAgentEventsObserver>(SubscriptionExpiry, logger);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The last activation may have shown ids up to its reservation and died before the buffer's write.
        state.State.LastId = Math.Max(state.State.LastId, reservation.State.ReservedThrough);
        reservation.State.ReservedThrough = state.State.LastId + IdsReservedAhead;
        await reserver.WriteAsync();
    }

    public Task PublishAsync(AgentNotice notice)
    {
        var inbox = state.State;
        var agentEvent = new AgentEvent(++inbox.LastId, notice.Type, notice.ConversationId.Value, notice.At,
            !inbox.NotificationsOff, !inbox.SoundOff, notice.Text, notice.GroupId?.Value, notice.OwnerId?.Value);
        inbox.Events.Add(agentEvent);
        Trim(inbox.Events, notice.At);
        if (inbox.LastId > reservation.State.ReservedThrough - IdsReservedAhead / 2)
        {
            // Written by the flush below, with the buffer.
            reservation.State.ReservedThrough = inbox.LastId + IdsReservedAhead;
        }

        if (unreserved is null && agentEvent.Id <= reservedDurably)
        {
            streams.Notify(stream => stream.OnEvent(agentEvent));
        }
        else
        {
            unreserved ??= new();
            unreserved.Enqueue(agentEvent);
            // Storage may be away for long: the oldest waiting events are dropped from the live push (a stream catches
            // up with Last-Event-ID once their reservation is stored; the replay buffer keeps them).
            if (unreserved.Count > EventsKeptAtMost)
            {
                unreserved.Dequeue();
            }
        }

        ScheduleFlush();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Writes the reservation as it is now, then shows the events it covers that were waiting, in order. A failed
    /// write is retried by the next flush, which writes the reservation whenever memory has reserved more.
    /// </summary>
    private async Task WriteReservationAsync()
    {
        var writing = reservation.State.ReservedThrough;
        await reservation.WriteStateAsync();
        reservedDurably = Math.Max(reservedDurably, writing);
        while (unreserved is not null && unreserved.TryPeek(out var waiting) && waiting.Id <= reservedDurably)
        {
            unreserved.Dequeue();
            streams.Notify(stream => stream.OnEvent(waiting));
        }

        if (unreserved is { Count: 0 })
        {
            unreserved = null;
        }
    }

    /// <summary>
    /// The replay buffer is written at most once a second (and when the inbox deactivates): the buffer holds up to
    /// thousands of events, and a write per event would make every message cost more as the buffer fills. A silo
    /// crash can lose the last second of replay, never a conversation's own record. A failed flush is tried again a
    /// second later, so events waiting for their reservation are not left waiting for the next event.
    /// </summary>
    private void ScheduleFlush() =>
        flush ??= this.RegisterGrainTimer(static async (grain, _) =>
        {
            grain.flush?.Dispose();
            grain.flush = null;
            try
            {
                await grain.FlushAsync();
            }
            catch (Exception ex)
            {
                if (ex is InconsistentStateException)
                {
                    // Storage holds a newer version than this activation (a write that failed yet committed, or a
                    // second activation): no write of this one can succeed again, so a fresh one takes over.
                    grain.DeactivateOnIdle();
                }
                else
                {
                    grain.ScheduleFlush();
                }

                throw;
            }
        }, this, new GrainTimerCreationOptions(flushDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });

    private Task FlushAsync()
    {
        var reserving = reservation.State.ReservedThrough > reservedDurably ? reserver.WriteAsync() : Task.CompletedTask;
        return Task.WhenAll(writer.WriteAsync(), reserving);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (flush is not null)
        {
            flush.Dispose();
            flush = null;
            if (shutdown.CanWriteState(reason))
            {
                await FlushAsync();
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
        Task.FromResult<IReadOnlyList<AgentEvent>>([.. state.State.Events.Where(agentEvent => agentEvent.Id > lastEventId && agentEvent.Id <= reservedDurably)]);

    public async Task SetSettingsAsync(NotificationSettings settings)
    {
        state.State.NotificationsOff = !settings.Notifications;
        state.State.SoundOff = !settings.Sound;
        await writer.WriteAsync();
    }

    public Task<int> CountSubscribersAsync() => Task.FromResult(streams.Count);

    public async Task EndStreamsAsync(bool forgetEvents)
    {
        streams.Notify(stream => stream.OnEnded());
        streams.Clear();
        if (forgetEvents)
        {
            // Ids keep rising (LastId stays): a stream that saw the old member's ids never sees them again.
            var inbox = state.State;
            inbox.Events.Clear();
            inbox.NotificationsOff = false;
            inbox.SoundOff = false;
            unreserved = null;
            await writer.WriteAsync();
        }
    }

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
