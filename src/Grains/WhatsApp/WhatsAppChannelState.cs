namespace Truora.Grains.WhatsApp;

/// <summary>
/// The channel as stored: the access token and app secret sealed by <see cref="Access.SecretBox"/>, the verify token
/// hashed. Id 0 held the settings in clear before secrets were sealed; it is not reused.
/// </summary>
[GenerateSerializer, Alias("Truora.WhatsAppChannelState")]
public sealed class WhatsAppChannelState
{
    [Id(1)] public string PhoneNumberId { get; set; } = "";
    [Id(2)] public string SealedAccessToken { get; set; } = "";
    [Id(3)] public string SealedAppSecret { get; set; } = "";
    [Id(4)] public string VerifyTokenHash { get; set; } = "";
    [Id(5)] public string GraphApiBaseUrl { get; set; } = "";
    [Id(6)] public string GraphApiVersion { get; set; } = "";
    [Id(7)] public string? DefaultFlowId { get; set; }
    [Id(8)] public string? FinishMessage { get; set; }
}
