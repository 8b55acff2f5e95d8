using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Interfaces.Conversations;

/// <summary>
/// One line of a conversation's history. <paramref name="MessageId"/> is WhatsApp's id of an inbound message, or
/// our own <c>out_…</c> id of an outbound one (its contact's outbox maps Meta's id to it for status webhooks).
/// </summary>
[GenerateSerializer, Immutable, Alias("Truora.HistoryEntry")]
public sealed record HistoryEntry(
    [property: Id(0)] HistorySender From,
    [property: Id(1)] string Text,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string? BlockId = null,
    [property: Id(4)] string? AgentId = null,
    [property: Id(5)] DeliveryState? Delivery = null,
    [property: Id(6)] string? MessageId = null);
