using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.WhatsApp;
using Truora.Grains.WhatsApp;

namespace Truora.Grains.Contacts;

/// <summary>
/// The outbox's rules over a contact's state, without a grain: what is queued, which messages go next, and what a
/// send report or a status webhook changes. The contact grain writes, hands jobs to the sender and tells conversations.
/// </summary>
/// <remarks>
/// Kept in the contact's state rather than a grain of its own: a flow step's prompts are queued in the same write
/// that records the user's message and moves the session, so a step is one durable write, and a prompt can never be
/// queued for a step that was not stored (or the reverse).
/// </remarks>
public sealed class ContactOutbox(TimeProvider clock, ContactOptions options)
{
    /// <summary>
    /// The most messages handed to the sender at once: a job is reported only when all of it is posted, and a
    /// silo lost in between sends all of it again.
    /// </summary>
    public const int MessagesPerJob = 8;

    public static bool HasPending(ContactState contact) => contact.Outbox.Exists(item => item.State is DeliveryState.Pending);

    public void Queue(ContactState contact, OutboundItem item)
    {
        item.QueuedAt = clock.GetUtcNow();
        item.State = DeliveryState.Pending;
        contact.Outbox.Add(item);
    }

    /// <summary>
    /// The oldest pending messages (a flow step's prompts, a burst of replies), posted in order and reported together;
    /// the next job goes when this one is reported, so the user reads them in order.
    /// </summary>
    public static OutboundMessage[] NextJob(ContactState contact) =>
        [.. contact.Outbox.Where(item => item.State is DeliveryState.Pending).Take(MessagesPerJob)
            .Select(item => new OutboundMessage(item.MessageId, item.Text, item.Template))];

    /// <summary>
    /// Applies the sender's reports to the messages still pending (a report of a settled one is a repeat): each gets
    /// Meta's id, or fails, and a status webhook that outran its report applies now. Returns what each conversation
    /// showing one of them must hear.
    /// </summary>
    public List<(OutboundItem Item, DeliveryStatusUpdate Update)> ApplySent(ContactState contact, IReadOnlyList<SendReport> reports)
    {
        var updates = new List<(OutboundItem, DeliveryStatusUpdate)>(reports.Count);
        foreach (var report in reports)
        {
            var item = contact.Outbox.Find(item => item.MessageId == report.MessageId);
            if (item is null || item.State is not DeliveryState.Pending)
            {
                continue;
            }

            item.WhatsAppId = report.WhatsAppId;
            item.State = report.Error is null ? DeliveryState.Sent : DeliveryState.Failed;
            var early = report.WhatsAppId is { } whatsAppId && contact.EarlyStatuses.Remove(whatsAppId, out var status) ? status : null;
            if (early is not null)
            {
                item.State = DeliveryStates.Advance(item.State, early.State);
            }

            MarkTranscript(contact, item, item.State);
            updates.Add((item, new DeliveryStatusUpdate(report.MessageId, item.State, clock.GetUtcNow(), report.Error ?? early?.Error)));
        }

        if (updates.Count > 0)
        {
            Trim(contact);
        }

        return updates;
    }

    /// <summary>
    /// Applies Meta's status webhook for the message it names by Meta's id. Null when no message has that id: while
    /// messages are pending the status is kept (its report may still come, <see cref="ApplySent"/>), else dropped.
    /// </summary>
    public DeliveryChange? ApplyStatus(ContactState contact, DeliveryStatusUpdate update)
    {
        var item = contact.Outbox.Find(item => item.WhatsAppId == update.MessageId);
        if (item is null)
        {
            if (HasPending(contact))
            {
                KeepEarly(contact, update);
                return new DeliveryChange(null, Changed: true);
            }

            return null;
        }

        var advanced = DeliveryStates.Advance(item.State, update.State);
        var changed = advanced != item.State;
        item.State = advanced;
        changed |= MarkTranscript(contact, item, update.State);
        return new DeliveryChange(item, changed);
    }

    /// <summary>
    /// A flow's prompt is shown in the transcript the contact holds (the session's, or its log once the session is
    /// gone); a conversation's message is shown, and marked, by the conversation.
    /// </summary>
    private static bool MarkTranscript(ContactState contact, OutboundItem item, DeliveryState reported)
    {
        if (item.ConversationId is not null)
        {
            return false;
        }

        var entries = contact.Session?.Transcript ?? contact.Log;
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

    private void KeepEarly(ContactState contact, DeliveryStatusUpdate update)
    {
        var early = contact.EarlyStatuses;
        early[update.MessageId] = early.TryGetValue(update.MessageId, out var known)
            ? known with { State = DeliveryStates.Advance(known.State, update.State) }
            : update;
        if (early.Count > options.SentMessagesKept)
        {
            early.Remove(early.Keys.First());
        }
    }

    /// <summary>Settled messages beyond the number kept go, oldest first; pending ones always stay.</summary>
    private void Trim(ContactState contact)
    {
        var outbox = contact.Outbox;
        var settled = outbox.Count(item => item.State is not DeliveryState.Pending);
        for (var i = 0; i < outbox.Count && settled > options.SentMessagesKept;)
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
