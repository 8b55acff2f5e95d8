using Microsoft.Extensions.Options;
using Truora.Grains.Access;
using Truora.Grains.Conversations;
using Truora.Grains.Flows;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Interfaces.Tenants;
using Truora.Grains.Interfaces.WhatsApp;
using Truora.Grains.Storage;
using Truora.Grains.WhatsApp;

namespace Truora.Grains.Contacts;

/// <summary>
/// One WhatsApp user of a tenant: records every inbound message before acting on it, runs the user's flow
/// session, opens conversations at hand-offs, holds the lock a finish puts on the contact, and owns the
/// outbox every message to the user goes through. Not reentrant: one user's messages are handled in order.
/// </summary>
public sealed partial class ContactGrain(
    [PersistentState("contact", GrainStorage.Name)] IPersistentState<ContactState> state,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    FlowDefinitionCache flows,
    IOutboundDispatcher dispatcher,
    IOptions<ContactOptions> options,
    ILogger<ContactGrain> logger) : Grain, IContactGrain, IContactOutboxGrain, IRemindable, ITenantOwnedGrain
{
    private const string OutboxReminder = "outbox";
    private HashSet<string>? seen;
    private bool outboxReminderSet;

    private TenantId Tenant => new(EntityId.TenantOf(this.GetPrimaryKeyString())!);

    private string Phone => EntityId.LocalIdOf(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        seen = new HashSet<string>(state.State.SeenMessageIds, StringComparer.Ordinal);
        // Whatever was queued but not confirmed sent when the last activation ended goes out again.
        DispatchPending();
        return Task.CompletedTask;
    }

    public async Task ReceiveAsync(InboundMessage message)
    {
        if (!Remember(message.MessageId))
        {
            return;
        }

        var contact = state.State;
        contact.Name = message.ProfileName ?? contact.Name;
        var entry = new HistoryEntry(HistorySender.User, message.Text, message.Timestamp, MessageId: message.MessageId);
        if (contact.Locked)
        {
            await ReceiveWhileLockedAsync(message, entry);
            return;
        }

        if (contact.Session?.ConversationId is { } conversation)
        {
            if (await Conversation(conversation).AppendUserMessageAsync(message))
            {
                await SaveAsync();
                return;
            }

            // The conversation ended while its end was still on its way here: the flow takes the message.
            contact.Session.ConversationId = null;
        }

        await ContinueFlowAsync(message, entry);
        await SaveAsync();
    }

    public async Task HandoffEndedAsync(string conversationId, ClosedReason reason)
    {
        var session = state.State.Session;
        if (session?.ConversationId != conversationId)
        {
            return;
        }

        if (reason is ClosedReason.Expired)
        {
            // An expiry ends the chat quietly; the user's next message starts afresh.
            state.State.Session = null;
        }
        else
        {
            session.ConversationId = null;
            session.BlockId = session.ResumeAt;
            session.ResumeAt = null;
            await RunAsync(session);
        }

        await SaveAsync();
    }

    public async Task FinishedAsync(string conversationId, string? groupId, string noticeId, string noticeText)
    {
        var contact = state.State;
        contact.Session = null;
        contact.Locked = true;
        contact.LockGroupId = groupId;
        contact.ReopenReady = false;
        contact.ReopenOwnerId = null;
        Queue(new OutboundItem { MessageId = noticeId, ConversationId = conversationId, Text = noticeText });
        await SaveAsync();
        LogFinished(logger, Phone, conversationId);
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
        var owner = contact.ReopenOwnerId;
        var group = contact.LockGroupId;
        var conversationId = NewConversationId();
        var transcript = contact.Log.TakeLast(2).ToList();
        contact.Session = new FlowSession
        {
            StartedAt = clock.GetUtcNow(),
            ExpiresAt = clock.GetUtcNow() + options.Value.SessionLifetime,
            ConversationId = conversationId,
            LastUserMessageAt = message.Timestamp,
        };
        await SaveAsync();
        await Conversation(conversationId).OpenAsync(new ConversationOpening(
            Phone, contact.Name, RotationMode.None, group, null, null, transcript,
            new Dictionary<string, string>(), message.Timestamp, PreferredOwnerId: owner));
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

    /// <summary>Writes the state, then hands anything newly queued to the sender: nothing leaves before it is durable.</summary>
    private async Task SaveAsync()
    {
        await state.WriteStateAsync();
        await EnsureOutboxReminderAsync();
        DispatchPending();
    }

    private IConversationRoutingGrain Conversation(string id) => GrainFactory.GetGrain<IConversationRoutingGrain>(EntityId.Key(Tenant, id));

    private static string NewConversationId() => "c" + Guid.CreateVersion7().ToString("N");

    [LoggerMessage(Level = LogLevel.Information, Message = "Contact {Phone} locked by the finish of conversation {ConversationId}.")]
    private static partial void LogFinished(ILogger logger, string phone, string conversationId);
}
