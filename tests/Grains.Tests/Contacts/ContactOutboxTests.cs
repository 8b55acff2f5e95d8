using Microsoft.Extensions.Time.Testing;
using Truora.Grains.Contacts;
using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Tests.Contacts;

/// <summary>The outbox's rules, without a cluster: jobs in order, send reports, status webhooks in any order, trimming.</summary>
public sealed class ContactOutboxTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero));
    private readonly ContactState contact = new();

    [Fact]
    public void AJobIsTheOldestPendingMessagesUpToEightAndTheNextFollowsItsReport()
    {
        var outbox = Outbox();
        var ids = QueueTexts(outbox, 10);

        var first = ContactOutbox.NextJob(contact);
        outbox.ApplySent(contact, [.. first.Select(message => Sent(message.MessageId))]);
        var second = ContactOutbox.NextJob(contact);

        Assert.Equal(ids[..8], first.Select(message => message.MessageId));
        Assert.Equal(ids[8..], second.Select(message => message.MessageId));
    }

    [Fact]
    public void AStatusThatOutranItsSendReportAppliesWhenTheReportComes()
    {
        var outbox = Outbox();
        var id = QueueTexts(outbox, 1)[0];

        var early = outbox.ApplyStatus(contact, Status("wamid.1", DeliveryState.Delivered));
        var updates = outbox.ApplySent(contact, [Sent(id, "wamid.1")]);

        Assert.Equal(new DeliveryChange(null, Changed: true), early);
        Assert.Equal(DeliveryState.Delivered, Assert.Single(updates).Update.State);
        Assert.Equal(DeliveryState.Delivered, contact.Outbox[0].State);
        Assert.Empty(contact.EarlyStatuses);
    }

    [Fact]
    public void AStatusNeverMovesAMessageBackAndARepeatChangesNothing()
    {
        var outbox = Outbox();
        var id = QueueTexts(outbox, 1)[0];
        outbox.ApplySent(contact, [Sent(id, "wamid.1")]);

        var read = outbox.ApplyStatus(contact, Status("wamid.1", DeliveryState.Read));
        var late = outbox.ApplyStatus(contact, Status("wamid.1", DeliveryState.Delivered));

        Assert.True(read!.Changed);
        Assert.False(late!.Changed);
        Assert.Equal(DeliveryState.Read, contact.Outbox[0].State);
    }

    [Fact]
    public void AStatusOfAnUnknownMessageIsDroppedWhenNothingIsPending()
    {
        Assert.Null(Outbox().ApplyStatus(contact, Status("wamid.unknown", DeliveryState.Read)));
        Assert.Empty(contact.EarlyStatuses);
    }

    [Fact]
    public void AFailedPostIsMarkedFailedWithItsErrorAndARepeatedReportIsIgnored()
    {
        var outbox = Outbox();
        var id = QueueTexts(outbox, 1)[0];

        var failed = outbox.ApplySent(contact, [new SendReport(id, null, "The Graph API answered 400 Bad Request.")]);
        var repeated = outbox.ApplySent(contact, [Sent(id, "wamid.1")]);

        Assert.Equal(DeliveryState.Failed, Assert.Single(failed).Update.State);
        Assert.Equal("The Graph API answered 400 Bad Request.", failed[0].Update.Error);
        Assert.Empty(repeated);
    }

    [Fact]
    public void AFlowPromptIsMarkedInTheSessionTranscriptAndAConversationsMessageIsNot()
    {
        var outbox = Outbox();
        contact.Session = new FlowSession();
        contact.Session.Transcript.Add(new HistoryEntry(HistorySender.Bot, "Hi", clock.GetUtcNow(), Delivery: DeliveryState.Pending, MessageId: "out_prompt"));
        outbox.Queue(contact, new OutboundItem { MessageId = "out_prompt", Text = "Hi" });
        outbox.Queue(contact, new OutboundItem { MessageId = "out_reply", ConversationId = "c1", Text = "Hello" });

        var updates = outbox.ApplySent(contact, [Sent("out_prompt", "wamid.1"), Sent("out_reply", "wamid.2")]);

        Assert.Equal(DeliveryState.Sent, contact.Session.Transcript[0].Delivery);
        Assert.Equal(["out_prompt", "out_reply"], updates.Select(update => update.Update.MessageId));
    }

    [Fact]
    public void SettledMessagesBeyondTheNumberKeptAreTrimmedOldestFirstAndPendingOnesStay()
    {
        var outbox = Outbox(sentKept: 2);
        var ids = QueueTexts(outbox, 4);

        outbox.ApplySent(contact, [.. ids[..3].Select(id => Sent(id))]);

        Assert.Equal(ids[1..], contact.Outbox.Select(item => item.MessageId));
        Assert.Equal(DeliveryState.Pending, contact.Outbox[^1].State);
    }

    private ContactOutbox Outbox(int sentKept = 200) => new(clock, new ContactOptions { SentMessagesKept = sentKept });

    private string[] QueueTexts(ContactOutbox outbox, int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"out_{i:D2}").ToArray();
        foreach (var id in ids)
        {
            outbox.Queue(contact, new OutboundItem { MessageId = id, ConversationId = "c1", Text = "text " + id });
        }

        return ids;
    }

    private static SendReport Sent(string messageId, string? whatsAppId = null) => new(messageId, whatsAppId ?? "wamid." + messageId, null);

    private DeliveryStatusUpdate Status(string whatsAppId, DeliveryState state) => new(whatsAppId, state, clock.GetUtcNow(), null);
}
