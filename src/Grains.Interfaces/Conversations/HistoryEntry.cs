using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Interfaces.Conversations;

/// <summary>
/// One line of a conversation's history. <paramref name="MessageId"/> is WhatsApp's id: the inbound message's,
/// or the one Meta gave an outbound message once sent (the key status webhooks update it by).
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
