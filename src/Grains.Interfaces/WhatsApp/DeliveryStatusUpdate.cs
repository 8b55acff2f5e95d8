namespace Truora.Grains.Interfaces.WhatsApp;

/// <summary>Meta's report on one of our outbound messages, which <see cref="MessageId"/> names by its wamid.</summary>
[GenerateSerializer, Immutable, Alias("Truora.DeliveryStatusUpdate")]
public sealed record DeliveryStatusUpdate(
    [property: Id(0)] string MessageId,
    [property: Id(1)] DeliveryState State,
    [property: Id(2)] DateTimeOffset Timestamp,
    [property: Id(3)] string? Error);
