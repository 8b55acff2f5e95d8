namespace Truora.Grains.Interfaces.WhatsApp;

/// <summary>A tenant's WhatsApp Cloud API channel, secrets included: for the server's own use, never echoed.</summary>
[GenerateSerializer, Immutable, Alias("Truora.WhatsAppChannelSettings")]
public sealed record WhatsAppChannelSettings(
    [property: Id(0)] string PhoneNumberId,
    [property: Id(1)] string AccessToken,
    [property: Id(2)] string AppSecret,
    [property: Id(3)] string VerifyToken,
    [property: Id(4)] string GraphApiBaseUrl,
    [property: Id(5)] string GraphApiVersion,
    [property: Id(6)] string? DefaultFlowId,
    [property: Id(7)] string? FinishMessage);
