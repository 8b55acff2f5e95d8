using Microsoft.Extensions.Options;
using Truora.Grains.Access;
using Truora.Grains.Conversations.Records;
using Truora.Grains.Interfaces;
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

    private async Task ArmExpiryAsync()
    {
        if (IsOpen)
        {
            await this.RegisterOrUpdateReminder(ExpiryReminder, Max(state.State.ExpiresAt - Now, TimeSpan.Zero), options.ExpiryRetry);
            ScheduleExpiryTimer();
        }
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
