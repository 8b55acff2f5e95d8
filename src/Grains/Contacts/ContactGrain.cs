using Microsoft.Extensions.Options;
using Truora.Grains.Access;
using Truora.Grains.Flows;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.Tenants;
using Truora.Grains.Interfaces.WhatsApp;
using Truora.Grains.Storage;
using Truora.Grains.Telemetry;
using Truora.Grains.WhatsApp;

namespace Truora.Grains.Contacts;

/// <summary>
/// One WhatsApp user of a tenant: records every inbound message before acting on it, runs the user's flow
/// session, opens conversations at hand-offs, holds the lock a finish puts on the contact, and owns the
/// outbox every message to the user goes through. Not reentrant: one user's messages are handled in order.
/// </summary>
/// <remarks>
/// A call that fails may leave memory ahead of storage (a message marked seen, a prompt queued, a flow step taken,
/// none of it written): its activation is discarded (<see cref="FailedTurns"/>) and the next call starts afresh.
/// </remarks>
public sealed partial class ContactGrain(
    [PersistentState("contact", GrainStorage.PerMessage)] IPersistentState<ContactState> state,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    FlowDefinitionCache flows,
    IOutboundDispatcher dispatcher,
    IOptions<ContactOptions> options,
    TruoraMetrics metrics,
    ShutdownReach shutdown,
    ILogger<ContactGrain> logger) : Grain, IContactGrain, IContactOutboxGrain, IRemindable, ITenantOwnedGrain, IIncomingGrainCallFilter
{
    /// <summary>Re-offers what the contact still owes the user: unsent messages, a hand-off whose conversation is not open yet.</summary>
    private const string RetryReminder = "retry";
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);
    private readonly FlowRuntime runtime = new(clock, options.Value);
    private readonly ContactOutbox outbox = new(clock, options.Value);
    private FailedTurns? failedTurns;
    private HashSet<string>? seen;
    private IGrainReminder? retryReminder;

    /// <summary>
    /// The channel the webhook read for the message of this turn, and only for it: a later turn (a send report, a
    /// reminder) reads it afresh, so a changed token or default flow is seen from the next message on.
    /// </summary>
    private WhatsAppChannelSettings? channelOfTurn;

    /// <summary>Send reports applied in memory and not yet written (the next report's write carries them).</summary>
    private bool reportsUnsaved;

    private TenantId Tenant => new(EntityId.TenantOf(this.GetPrimaryKeyString())!);

    private ContactId? id;

    /// <summary>The user's <c>wa_id</c>: this contact's key, and where its messages go.</summary>
    private ContactId Id => id ??= ContactId.Parse(EntityId.LocalIdOf(this.GetPrimaryKeyString()));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        seen = new HashSet<string>(state.State.SeenMessageIds, StringComparer.Ordinal);
        if (OwesTheUser)
        {
            // Whatever the last activation left owing goes out again, and stays covered if this one goes too.
            DispatchPending();
            if (state.State.Session?.PendingOpening is not null)
            {
                ScheduleOpeningRetry();
            }

            await ArmRetryAsync();
        }
    }

    /// <summary>Made on first use: a field initializer cannot pass the grain itself.</summary>
    private FailedTurns FailedTurns => failedTurns ??= new FailedTurns(this);

    public Task Invoke(IIncomingGrainCallContext call) => FailedTurns.InvokeAsync(call);

    /// <summary>Every write of the contact's state: refused once a failed turn discarded this activation.</summary>
    private Task WriteAsync() => FailedTurns.WriteAsync(state.WriteStateAsync);

    public async Task ReceiveAsync(InboundMessage message, WhatsAppChannelSettings? channel)
    {
        // Marked seen in memory before the write that records it; if that write fails the activation is discarded,
        // so the mark counts only once it is committed and Meta's retry is taken afresh.
        if (!Remember(message.MessageId))
        {
            metrics.Inbound("duplicate");
            return;
        }

        channelOfTurn = channel;
        try
        {
            await ActOnAsync(WithPlausibleTime(message));
        }
        finally
        {
            channelOfTurn = null;
        }
    }

    /// <summary>
    /// Meta's timestamp dates the message and opens WhatsApp's 24-hour window; one from further ahead than clocks
    /// drift (a forged or broken payload) would hold that window open for good, so it is dated at its receipt.
    /// </summary>
    private InboundMessage WithPlausibleTime(InboundMessage message)
    {
        var now = clock.GetUtcNow();
        return message.Timestamp > now + MaxClockSkew ? message with { Timestamp = now } : message;
    }

    private async Task ActOnAsync(InboundMessage message)
    {
        var contact = state.State;
        contact.Name = message.ProfileName ?? contact.Name;
        var entry = new HistoryEntry(HistorySender.User, message.Text, message.Timestamp, MessageId: message.MessageId);
        if (contact.Locked)
        {
            metrics.Inbound("locked");
            await ReceiveWhileLockedAsync(message, entry);
            return;
        }

        if (contact.Session?.PendingOpening is not null)
        {
            await RetryOpeningAsync();
            if (contact.Session?.PendingOpening is not null)
            {
                // The message cannot reach its conversation yet; failing it makes Meta deliver it again later.
                throw new TimeoutException("The hand-off's conversation is not open yet.");
            }
        }

        if (contact.Session is { } held && ConversationOf(held) is { } conversation)
        {
            if (await Conversation(conversation).AppendUserMessageAsync(message))
            {
                // Durable in the conversation, which also drops a retried copy by its id: nothing here needs a
                // write, so a long chat costs one page write per message and not a rewrite of this contact too.
                metrics.Inbound("conversation");
                return;
            }

            // The conversation ended and the news is still on its way here: act on its end first.
            var ended = await Conversation(conversation).GetSummaryAsync();
            if (ended?.Status is ConversationStatus.Finished)
            {
                // The finish locks the contact in a moment; like any message while locked, this one is only kept.
                AppendLog(entry);
                await SaveAsync();
                return;
            }

            if (!runtime.Resume(held, ended?.ClosedReason ?? ClosedReason.Expired))
            {
                contact.Session = null;
            }
        }

        metrics.Inbound("flow");
        await ContinueFlowAsync(message, entry);
        await SaveAsync();
    }

    public async Task HandoffEndedAsync(ConversationId conversationId, ClosedReason reason)
    {
        var session = state.State.Session;
        if (session?.ConversationId != conversationId.Value)
        {
            return;
        }

        if (runtime.Resume(session, reason))
        {
            await RunAsync(session);
        }
        else
        {
            state.State.Session = null;
        }

        await SaveAsync();
    }

    public async Task FinishedAsync(ConversationId conversationId, GroupId? groupId, OutboundText notice)
    {
        var contact = state.State;
        contact.Session = null;
        contact.Locked = true;
        contact.LockGroupId = groupId?.Value;
        contact.ReopenReady = false;
        contact.ReopenOwnerId = null;
        Queue(new OutboundItem { MessageId = notice.MessageId, ConversationId = conversationId.Value, Text = notice.Text });
        await SaveAsync();
        LogFinished(logger, Id, conversationId);
    }

    private async Task ReceiveWhileLockedAsync(InboundMessage message, HistoryEntry entry)
    {
        var contact = state.State;
        AppendLog(entry);
        if (!contact.ReopenReady)
        {
            // Recorded (Meta gets its 200), but no flow starts and no bot answers until a template goes out.
            await SaveAsync();
            return;
        }

        contact.Locked = false;
        contact.ReopenReady = false;
        AgentId? owner = contact.ReopenOwnerId is { } reopener ? AgentId.Parse(reopener) : null;
        GroupId? group = contact.LockGroupId is { } locker ? GroupId.Parse(locker) : null;
        var conversationId = OutboundIds.NewConversation();
        var transcript = contact.Log.TakeLast(2).ToList();
        contact.Session = new FlowSession
        {
            StartedAt = clock.GetUtcNow(),
            ExpiresAt = clock.GetUtcNow() + options.Value.SessionLifetime,
            ConversationId = conversationId.Value,
            LastUserMessageAt = message.Timestamp,
        };
        await SaveAsync();
        await Conversation(conversationId).OpenAsync(new ConversationOpening(
            Id, contact.Name, RotationMode.None, group, null, null, transcript,
            new Dictionary<string, string>(), message.Timestamp, preferredOwnerId: owner));
    }

    private bool Remember(string messageId)
    {
        seen ??= new HashSet<string>(state.State.SeenMessageIds, StringComparer.Ordinal);
        if (!seen.Add(messageId))
        {
            return false;
        }

        var ids = state.State.SeenMessageIds;
        ids.Add(messageId);
        if (ids.Count > options.Value.SeenMessageIdsKept)
        {
            seen.Remove(ids[0]);
            ids.RemoveAt(0);
        }

        return true;
    }

    private void AppendLog(HistoryEntry entry)
    {
        var log = state.State.Log;
        log.Add(entry);
        if (log.Count > options.Value.LogEntriesKept)
        {
            log.RemoveAt(0);
        }
    }

    /// <summary>
    /// Writes the state, then hands anything newly queued to the sender: nothing leaves before it is durable. The
    /// retry reminder is armed alongside the write, so whatever the caller is answered for is re-offered from a
    /// surviving silo even if this one dies the moment after.
    /// </summary>
    private async Task SaveAsync()
    {
        await Task.WhenAll(WriteAsync(), ArmRetryAsync());
        reportsUnsaved = false;
        DispatchPending();
    }

    /// <summary>The conversation an agent holds the user in, typed: the session stores it as the string it was made from.</summary>
    private static ConversationId? ConversationOf(FlowSession? session) =>
        session?.ConversationId is { } conversation ? ConversationId.Parse(conversation) : null;

    private IConversationRoutingGrain Conversation(ConversationId conversationId) =>
        GrainFactory.Reference<IConversationRoutingGrain>(EntityId.Key(Tenant, conversationId.Value));
}
