using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.WhatsApp;
using Truora.Grains.WhatsApp;

namespace Truora.Grains.Contacts;

/// <summary>
/// The outbox at work (its rules are <see cref="ContactOutbox"/>): a message is queued in the contact's state, written
/// with the retry reminder armed, and only then handed to the sender, which posts it off the grain's turn and reports
/// back. The reminder re-offers what was never confirmed, from whichever silo holds the contact by then.
/// </summary>
public sealed partial class ContactGrain
{
    public async Task SendTextAsync(ConversationId conversationId, OutboundText text)
    {
        Queue(new OutboundItem { MessageId = text.MessageId, ConversationId = conversationId.Value, Text = text.Text });
        await SaveAsync();
    }

    public async Task SendTemplateAsync(OutboundTemplate template, AgentId? senderId)
    {
        var contact = state.State;
        var messageId = OutboundIds.NewMessage();
        Queue(new OutboundItem { MessageId = messageId, Text = template.Text, Template = template });
        AppendLog(new HistoryEntry(HistorySender.Bot, template.Text, clock.GetUtcNow(), AgentId: senderId?.Value, Delivery: DeliveryState.Pending, MessageId: messageId));
        if (contact.Locked)
        {
            contact.ReopenReady = true;
            contact.ReopenOwnerId = senderId?.Value;
        }

        await SaveAsync();
    }

    public async Task RecordSentAsync(IReadOnlyList<SendReport> reports)
    {
        var updates = outbox.ApplySent(state.State, reports);
        if (updates.Count == 0)
        {
            return;
        }

        if (HasPendingMessages)
        {
            // The next messages are stored already (their retry reminder armed), and their report's write carries
            // these: a backlog costs one write per job, not one per message. A crash in between only sends these
            // again, which outbound delivery allows anyway (at least once).
            reportsUnsaved = true;
            DispatchPending();
        }
        else
        {
            await SaveAsync();
        }

        foreach (var (item, update) in updates)
        {
            await ForwardToConversationAsync(item, update);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (reportsUnsaved && failedTurns?.Discarded != true && shutdown.CanWriteState(reason))
        {
            await WriteAsync();
        }
    }

    public async Task RecordDeliveryAsync(DeliveryStatusUpdate update)
    {
        if (outbox.ApplyStatus(state.State, update) is not { } change)
        {
            return;
        }

        if (change.Changed)
        {
            await WriteAsync();
        }

        if (change.Item is { } item)
        {
            await ForwardToConversationAsync(item, update with { MessageId = item.MessageId });
        }
    }

    /// <summary>
    /// The conversation's delivery mark is a view of what this outbox holds: when its silo cannot be reached the report
    /// is not retried (Meta's next status for the message forwards again), and it must not fail this turn, whose send
    /// reports may be unsaved by design: discarding them would post those messages to the user a second time.
    /// </summary>
    private async Task ForwardToConversationAsync(OutboundItem item, DeliveryStatusUpdate update)
    {
        if (item.ConversationId is not { } stored)
        {
            return;
        }

        var conversation = ConversationId.Parse(stored);

        try
        {
            await Conversation(conversation).RecordDeliveryAsync(update);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            LogDeliveryNotForwarded(logger, item.MessageId, conversation, ex.Message);
        }
    }

    private bool HasPendingMessages => ContactOutbox.HasPending(state.State);

    private void Queue(OutboundItem item) => outbox.Queue(state.State, item);

    /// <summary>Hands the next job to the sender, which drops a job it already holds.</summary>
    private void DispatchPending()
    {
        if (failedTurns?.Discarded == true)
        {
            // A timer tick may still run on a discarded activation: its outbox may hold what was never stored.
            return;
        }

        if (ContactOutbox.NextJob(state.State) is { Length: > 0 } pending)
        {
            dispatcher.Enqueue(new OutboundJob(Tenant, Id, pending, channelOfTurn));
        }
    }
}
