using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.WhatsApp;
using Truora.Grains.WhatsApp;

namespace Truora.Grains.Contacts;

/// <summary>
/// The outbox: a message is queued in the contact's state, written with the retry reminder armed, and only then
/// handed to the sender, which posts it off the grain's turn and reports back. The reminder re-offers what was never
/// confirmed, from whichever silo holds the contact by then.
/// </summary>
public sealed partial class ContactGrain
{
    /// <summary>
    /// The most messages handed to the sender at once: a job is reported only when all of it is posted, and a
    /// silo lost in between sends all of it again.
    /// </summary>
    private const int MessagesPerJob = 8;

    public async Task SendTextAsync(string conversationId, string messageId, string text)
    {
        Queue(new OutboundItem { MessageId = messageId, ConversationId = conversationId, Text = text });
        await SaveAsync();
    }

    public async Task SendTemplateAsync(OutboundTemplate template, string? senderId)
    {
        var contact = state.State;
        var messageId = OutboundIds.NewMessage();
        Queue(new OutboundItem { MessageId = messageId, Text = template.Text, Template = template });
        AppendLog(new HistoryEntry(HistorySender.Bot, template.Text, clock.GetUtcNow(), AgentId: senderId, Delivery: DeliveryState.Pending, MessageId: messageId));
        if (contact.Locked)
        {
            contact.ReopenReady = true;
            contact.ReopenOwnerId = senderId;
        }

        await SaveAsync();
    }

    public async Task RecordSentAsync(IReadOnlyList<SendReport> reports)
    {
        var updates = new List<(OutboundItem Item, DeliveryStatusUpdate Update)>(reports.Count);
        foreach (var report in reports)
        {
            var item = state.State.Outbox.Find(item => item.MessageId == report.MessageId);
            if (item is null || item.State is not DeliveryState.Pending)
            {
                continue;
            }

            item.WhatsAppId = report.WhatsAppId;
            item.State = report.Error is null ? DeliveryState.Sent : DeliveryState.Failed;
            // Meta's status webhook can outrun the sender's report: a status that came first applies now.
            var early = report.WhatsAppId is { } whatsAppId && state.State.EarlyStatuses.Remove(whatsAppId, out var status) ? status : null;
            if (early is not null)
            {
                item.State = DeliveryStates.Advance(item.State, early.State);
            }

            var update = new DeliveryStatusUpdate(report.MessageId, item.State, clock.GetUtcNow(), report.Error ?? early?.Error);
            MarkTranscript(item, update.State);
            updates.Add((item, update));
        }

        if (updates.Count == 0)
        {
            return;
        }

        TrimOutbox();
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
        var item = state.State.Outbox.Find(item => item.WhatsAppId == update.MessageId);
        if (item is null)
        {
            if (HasPendingMessages)
            {
                KeepEarlyStatus(update);
                await WriteAsync();
            }

            return;
        }

        var advanced = DeliveryStates.Advance(item.State, update.State);
        var changed = advanced != item.State;
        item.State = advanced;
        changed |= MarkTranscript(item, update.State);
        if (changed)
        {
            await WriteAsync();
        }

        await ForwardToConversationAsync(item, update with { MessageId = item.MessageId });
    }

    /// <summary>
    /// The delivery report goes where the message shows. A conversation's message is shown by the conversation,
    /// which records it itself; a flow's prompt is shown in the transcript this state holds, marked here in
    /// memory so the caller's single write carries it with the outbox change.
    /// </summary>
    private bool MarkTranscript(OutboundItem item, DeliveryState reported)
    {
        if (item.ConversationId is not null)
        {
            return false;
        }

        var entries = state.State.Session?.Transcript ?? state.State.Log;
        var index = entries.FindLastIndex(entry => entry.MessageId == item.MessageId);
        if (index < 0)
        {
            return false;
        }

        var marked = DeliveryStates.Advance(entries[index].Delivery ?? DeliveryState.Pending, reported);
        if (marked == entries[index].Delivery)
        {
            return false;
        }

        entries[index] = entries[index] with { Delivery = marked };
        return true;
    }

    /// <summary>
    /// The conversation's delivery mark is a view of what this outbox holds: when its silo cannot be reached the report
    /// is not retried (Meta's next status for the message forwards again), and it must not fail this turn, whose send
    /// reports may be unsaved by design: discarding them would post those messages to the user a second time.
    /// </summary>
    private async Task ForwardToConversationAsync(OutboundItem item, DeliveryStatusUpdate update)
    {
        if (item.ConversationId is not { } conversation)
        {
            return;
        }

        try
        {
            await Conversation(conversation).RecordDeliveryAsync(update);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            LogDeliveryNotForwarded(logger, item.MessageId, conversation, ex.Message);
        }
    }

    private void KeepEarlyStatus(DeliveryStatusUpdate update)
    {
        var early = state.State.EarlyStatuses;
        early[update.MessageId] = early.TryGetValue(update.MessageId, out var known)
            ? known with { State = DeliveryStates.Advance(known.State, update.State) }
            : update;
        if (early.Count > options.Value.SentMessagesKept)
        {
            early.Remove(early.Keys.First());
        }
    }

    private bool HasPendingMessages => state.State.Outbox.Exists(item => item.State is DeliveryState.Pending);

    private void Queue(OutboundItem item)
    {
        item.QueuedAt = clock.GetUtcNow();
        item.State = DeliveryState.Pending;
        state.State.Outbox.Add(item);
    }

    /// <summary>
    /// Hands the oldest pending messages (a flow step's prompts, a burst of replies) to the sender as one job, posted
    /// in order and reported together; the next job goes when this one is reported, so the user reads them in
    /// order. The sender drops a job it already holds.
    /// </summary>
    private void DispatchPending()
    {
        if (failedTurns?.Discarded == true)
        {
            // A timer tick may still run on a discarded activation: its outbox may hold what was never stored.
            return;
        }

        var pending = state.State.Outbox.Where(item => item.State is DeliveryState.Pending).Take(MessagesPerJob)
            .Select(item => new OutboundMessage(item.MessageId, item.Text, item.Template))
            .ToArray();
        if (pending.Length > 0)
        {
            dispatcher.Enqueue(new OutboundJob(Tenant, Phone, pending, channelOfTurn));
        }
    }

    private void TrimOutbox()
    {
        var outbox = state.State.Outbox;
        var settled = outbox.Count(item => item.State is not DeliveryState.Pending);
        for (var i = 0; i < outbox.Count && settled > options.Value.SentMessagesKept;)
        {
            if (outbox[i].State is not DeliveryState.Pending)
            {
                outbox.RemoveAt(i);
                settled--;
            }
            else
            {
                i++;
            }
        }
    }
}
