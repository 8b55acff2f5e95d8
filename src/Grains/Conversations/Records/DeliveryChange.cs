using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Conversations.Records;

/// <summary>A status webhook's news for one of the conversation's outbound messages.</summary>
[GenerateSerializer, Immutable, Alias("Truora.DeliveryChange")]
public sealed record DeliveryChange(
    [property: Id(0)] string MessageId,
    [property: Id(1)] DeliveryState State);
