namespace Truora.Grains.Interfaces.WhatsApp;

/// <summary>A PUT of the channel: a null secret keeps the stored one (the first PUT needs all three).</summary>
[GenerateSerializer, Immutable, Alias("Truora.WhatsAppChannelUpdate")]
public sealed record WhatsAppChannelUpdate(
    [property: Id(0)] string PhoneNumberId,
    [property: Id(1)] string? AccessToken,
    [property: Id(2)] string? AppSecret,
    [property: Id(3)] string? VerifyToken,
    [property: Id(4)] string GraphApiBaseUrl,
    [property: Id(5)] string? GraphApiVersion,
    [property: Id(6)] string? DefaultFlowId,
    [property: Id(7)] string? FinishMessage);
