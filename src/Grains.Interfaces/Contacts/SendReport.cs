namespace Truora.Grains.Interfaces.Contacts;

/// <summary>The sender's word on one outbound message: WhatsApp's id for it, or why it failed for good.</summary>
[GenerateSerializer, Immutable, Alias("Truora.SendReport")]
public sealed record SendReport(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string? WhatsAppId,
    [property: Id(2)] string? Error);
