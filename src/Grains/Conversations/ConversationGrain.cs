using Microsoft.Extensions.Options;
using Truora.Grains.Access;
using Truora.Grains.Conversations.Records;
using Truora.Grains.Events;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Events;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.Tenants;
using Truora.Grains.Interfaces.WhatsApp;
using Truora.Grains.Storage;
using Truora.Grains.Telemetry;

namespace Truora.Grains.Conversations;

/// <summary>
/// One conversation of the agent suite. Its rules are <see cref="ConversationLifecycle"/>; this grain stores and
/// carries them out. Offers, user messages, delivery reports and summaries interleave (groups offer it, the contact
/// appends to it while it may be waiting on a group or that contact), so a method decides on the state as it is after
/// its last await, and all writes go through coalescing writers. What it decides with (status, owner, expiry, variables) is
/// its grain state; its messages and its row in the list views are records (<see cref="ConversationStore"/>), of
/// which it holds only the latest few. A running chat writes records only. Expiry is a durable reminder, sharpened
/// by a timer.
/// </summary>
public sealed partial class ConversationGrain : Grain, IConversationGrain, IConversationRoutingGrain, IRemindable, ITenantOwnedGrain
{
    private const string ExpiryReminder = "expiry";

    private readonly IPersistentState<ConversationState> state;
    private readonly WriteCoalescer writer;
    private readonly WriteCoalescer recorder;
    private readonly ConversationJournal journal = new();
    private readonly ConversationStore store;
    private readonly TimeProvider clock;
    private readonly ConversationOptions options;
    private readonly ILogger<ConversationGrain> logger;
    private readonly TruoraMetrics metrics;
    private readonly FailedTurns failedTurns;
    private IGrainTimer? expiryTimer;
    private IGrainTimer? republishTimer;

    /// <summary>The row the records hold, so a commit of messages alone does not rewrite it.</summary>
    private ConversationRow? committedRow;

    /// <summary>Set when an opening starts, before its first write completes, so interleaved calls see the conversation.</summary>
    private bool openingStarted;

    /// <summary>The status and owner the owner's agent last heard of: activity alone is not news to it.</summary>
    private (ConversationStatus, string?)? published;

    /// <summary>Agent events decided by a change, published once the change is saved.</summary>
    private List<(AgentId AgentId, AgentNotice Notice)>? notices;

    public ConversationGrain(
        [PersistentState("conversation", GrainStorage.PerMessage)] IPersistentState<ConversationState> state,
        ConversationStore store,
        [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
        IOptions<ConversationOptions> options,
        TruoraMetrics metrics,
        ILogger<ConversationGrain> logger)
    {
        this.metrics = metrics;
        this.state = state;
        this.clock = clock;
        this.options = options.Value;
        this.logger = logger;
        failedTurns = new FailedTurns(this);
        this.store = store;
        writer = new WriteCoalescer(() => failedTurns.WriteAsync(state.WriteStateAsync));
        recorder = new WriteCoalescer(() => failedTurns.WriteAsync(CommitRecordsAsync));
    }

    private TenantId Tenant => new(EntityId.TenantOf(this.GetPrimaryKeyString())!);

    private ConversationId? id;

    private ConversationId Id => id ??= ConversationId.Parse(EntityId.LocalIdOf(this.GetPrimaryKeyString()));

    /// <summary>The state's ids, typed: they were parsed on their way in (an opening, an offer, an assignment).</summary>
    private AgentId? Owner => state.State.OwnerId is { } owner ? AgentId.Parse(owner) : null;

    private GroupId? GroupOfConversation => state.State.GroupId is { } group ? GroupId.Parse(group) : null;

    private bool Exists => state.RecordExists || openingStarted;

    private bool IsOpen => Exists && ConversationLifecycle.IsOpen(state.State);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await LoadRecordsAsync();
        if (state.RecordExists)
        {
            if (IsOpen)
            {
                ScheduleExpiryTimer();
                if (state.State.PendingRoute is not null)
                {
                    ScheduleRoutingRetry();
                }
            }
        }
    }

    public async Task<ConversationSummary> OpenAsync(ConversationOpening opening)
    {
        if (Exists)
        {
            // A repeated opening (the contact retrying after a failure) finishes what the first one started, the
            // durable expiry included: the first attempt may have failed before registering it, or with its state
            // stored but not its history (the two are separate writes).
            if (journal.IsEmpty)
            {
                AppendOpeningHistory(opening);
                await SaveAsync();
            }

            await ArmExpiryAsync();
            await CompleteRoutingAsync();
            return Summary();
        }

        ConversationLifecycle.Open(state.State, opening, Now, options.MaxOpen);
        if (journal.IsEmpty)
        {
            AppendOpeningHistory(opening);
        }

        openingStarted = true;
        // The first write, the durable expiry and the routing overlap: the routing's own write queues behind the
        // first, agents hear of it only once both are stored, and the contact repeats an opening that failed, which
        // (on a fresh activation, this one being discarded) finishes whatever was cut short.
        await Task.WhenAll(SaveAsync(), ArmExpiryAsync(), CompleteRoutingAsync());

        metrics.OpenChanged(Tenant.Value, +1);
        LogOpened(logger, Id, opening.Mode, opening.GroupId, state.State.OwnerId);
        return Summary();
    }

    private void AppendOpeningHistory(ConversationOpening opening)
    {
        foreach (var entry in opening.Transcript)
        {
            journal.Append(entry, transcribed: true);
        }

        journal.Append(SystemEntry(opening.GroupId is null ? "Handed off to an agent." : $"Handed off to group {opening.GroupId}."));
    }

    /// <summary>
    /// Routes the opening once: the owner, or a place in the group's queue. If a silo dies under it, the
    /// opening stays pending in state and the expiry reminder's ticks (or a retried opening) try again.
    /// </summary>
    private async Task CompleteRoutingAsync()
    {
        if (state.State.PendingRoute is not { } opening || !IsOpen)
        {
            return;
        }

        AgentId? owner;
        try
        {
            owner = await RouteAsync(opening);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            LogRoutingDeferred(logger, Id, ex.Message);
            ScheduleRoutingRetry();
            return;
        }

        state.State.PendingRoute = null;
        if (owner is { } taker && state.State.Status is ConversationStatus.Waiting)
        {
            BecomeOwned(taker, $"Assigned to {taker}.");
        }

        await SaveAsync();
        metrics.HandedOff(opening.Mode, owner is not null);
        await PublishAsync();
    }

    private async Task ArmExpiryAsync()
    {
        if (IsOpen)
        {
            await this.RegisterOrUpdateReminder(ExpiryReminder, Max(state.State.ExpiresAt - Now, TimeSpan.Zero), options.ExpiryRetry);
            ScheduleExpiryTimer();
        }
    }

    private void ScheduleRoutingRetry() =>
        this.RegisterGrainTimer(static (grain, _) => grain.CompleteRoutingAsync(), this,
            new GrainTimerCreationOptions(options.RoutingRetry, Timeout.InfiniteTimeSpan) { KeepAlive = true });

    public async Task<bool> OfferAsync(AgentId agentId, GroupId groupId)
    {
        if (!Exists || state.State.Status is not ConversationStatus.Waiting)
        {
            return false;
        }

        BecomeOwned(agentId, $"Assigned to {agentId} from the waiting queue of group {groupId}.");
        await SaveAsync();
        await PublishAsync();
        return true;
    }

    public async Task ReturnToRoutingAsync(AgentId formerOwnerId)
    {
        if (!IsOpen || state.State.OwnerId != formerOwnerId.Value)
        {
            return;
        }

        ConversationLifecycle.Disown(state.State);
        journal.Append(SystemEntry($"Unassigned from {formerOwnerId}: the member was deleted; back to routing."));
        await SaveAsync();
        if (GroupOfConversation is { } group
            && await Group(group).HandOffAsync(new HandoffTicket(Id, state.State.Mode, Now)) is { } owner
            && state.State.Status is ConversationStatus.Waiting)
        {
            BecomeOwned(owner, $"Assigned to {owner}.");
            await SaveAsync();
        }

        await PublishAsync();
    }

    public async Task<bool> AppendUserMessageAsync(InboundMessage message)
    {
        if (!IsOpen)
        {
            return false;
        }

        // A webhook retried after a timeout may carry a message this conversation already holds, possibly still on its
        // way to storage: it is acknowledged once the commit carrying it is done. One older than the latest few, or
        // appended by a second activation, is the store's to drop (its message id is unique in the tenant).
        if (journal.HasRecent(message.MessageId))
        {
            // Waits for a commit in flight, and refuses once a failed one discarded this activation.
            await RecordAsync();
            return true;
        }

        ConversationLifecycle.ReceiveUserMessage(state.State, message.Timestamp, message.ProfileName, Now);
        journal.Append(new HistoryEntry(HistorySender.User, message.Text, message.Timestamp, MessageId: message.MessageId));
        await RecordAsync();
        if (journal.TakeStoredBefore(message.MessageId))
        {
            // An earlier activation (or another node's) committed it: stored, and its agent was told then.
            return true;
        }

        if (Owner is { } owner)
        {
            Notify(owner, AgentEventTypes.MessageReceived, message.Text);
        }

        await PublishAsync();
        return true;
    }

    /// <summary>Answers once the state is stored: a status that changes nothing still waits for the commit that carries an earlier one.</summary>
    public Task RecordDeliveryAsync(DeliveryStatusUpdate update)
    {
        journal.RecordDelivery(update.MessageId, update.State);
        return RecordAsync();
    }

    public Task<ConversationSummary?> GetSummaryAsync() => Task.FromResult(Exists ? Summary() : null);

    /// <summary>
    /// Finds the first owner through the group, which tries the named agent first and rotates or queues by the mode;
    /// without a group only the named agent can take it. Null leaves it waiting.
    /// </summary>
    private async Task<AgentId?> RouteAsync(ConversationOpening opening)
    {
        var named = opening.PreferredOwnerId ?? (opening.Mode is RotationMode.Specific ? opening.AgentId : null);
        var owner = opening.GroupId is { } group
            ? await Group(group).HandOffAsync(new HandoffTicket(Id, opening.Mode, Now, named))
            : named is { } agent && await Agent(agent).TryTakeAsync(Id, Eligibility.Any) is not AgentTake.Refused ? agent : null;
        if (owner is null && named is not null)
        {
            journal.Append(SystemEntry($"Agent {named} is no longer a member; the conversation waits for an assignment."));
        }

        if (owner is null && opening.GroupId is { } waitingIn)
        {
            journal.Append(SystemEntry($"Waiting for an agent in group {waitingIn}."));
        }

        return owner;
    }

    private void BecomeOwned(AgentId owner, string note)
    {
        var effects = new LifecycleEffects();
        ConversationLifecycle.Own(state.State, owner, note, Now, effects);
        Apply(effects);
    }

    private void EndConversation(ConversationStatus status, ClosedReason? reason, string note)
    {
        var effects = new LifecycleEffects();
        ConversationLifecycle.End(state.State, status, reason, note, Now, effects);
        Apply(effects);
    }

    /// <summary>A move's effects in memory: its notes in the journal, its events queued for publishing, its figures counted.</summary>
    private void Apply(LifecycleEffects effects)
    {
        foreach (var note in effects.Notes)
        {
            journal.Append(SystemEntry(note));
        }

        foreach (var (agentId, type) in effects.Notices)
        {
            Notify(agentId, type);
        }

        if (effects.FirstAssignmentAfter is { } waited)
        {
            metrics.Assigned(waited);
        }

        if (effects.Ended)
        {
            metrics.OpenChanged(Tenant.Value, -1);
            expiryTimer?.Dispose();
            expiryTimer = null;
        }
    }

    private void Notify(AgentId agentId, string type, string? text = null) =>
        (notices ??= []).Add((agentId, new AgentNotice(type, Id, Now, text, GroupOfConversation, Owner)));

    /// <summary>After a close or finish: the owner's capacity, the group's queue and the user's flow move on.</summary>
    private async Task AfterEndAsync(ClosedReason? reason)
    {
        var conversation = state.State;
        await PublishAsync();
        if (GroupOfConversation is { } group)
        {
            await Group(group).DequeueAsync(Id);
        }

        if (reason is { } closed)
        {
            await Contact().HandoffEndedAsync(Id, closed);
        }
    }

    private DateTimeOffset Now => DomainClock.ToStoredPrecision(clock.GetUtcNow());

    private HistoryEntry SystemEntry(string text) => new(HistorySender.System, text, Now);

    private ConversationSummary Summary()
    {
        var c = state.State;
        return new ConversationSummary(Id.Value, c.ContactPhone, c.ContactName, c.Status, c.OwnerId, c.GroupId,
            c.OpenedAt, c.ExpiresAt, c.LastMessageAt, c.ClosedReason, c.ClosedAt);
    }

    private IAgentGrain Agent(AgentId agentId) => GrainFactory.Reference<IAgentGrain>(EntityId.Key(Tenant, agentId.Value));

    private IGroupRoutingGrain Group(GroupId groupId) => GrainFactory.Reference<IGroupRoutingGrain>(EntityId.Key(Tenant, groupId.Value));

    private ContactId ContactPhone => ContactId.Parse(state.State.ContactPhone);

    private IContactGrain Contact() => GrainFactory.Reference<IContactGrain>(EntityId.Key(Tenant, ContactPhone.Value));

    private IContactOutboxGrain ContactOutbox() => GrainFactory.Reference<IContactOutboxGrain>(EntityId.Key(Tenant, ContactPhone.Value));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
