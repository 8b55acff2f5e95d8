using System.Text;

namespace Truora.Grains.Interfaces.WhatsApp;

/// <summary>
/// A tenant's WhatsApp Cloud API channel, secrets included: for the server's own use, never echoed. The verify token
/// is known only by its hash (<see cref="Access.ApiKeyHash"/>, as keys are).
/// </summary>
[GenerateSerializer, Immutable, Alias("Truora.WhatsAppChannelSettings")]
public sealed record WhatsAppChannelSettings(
    [property: Id(0)] string PhoneNumberId,
    [property: Id(1)] string AccessToken,
    [property: Id(2)] string AppSecret,
    [property: Id(3)] string VerifyTokenHash,
    [property: Id(4)] string GraphApiBaseUrl,
    [property: Id(5)] string GraphApiVersion,
    [property: Id(6)] string? DefaultFlowId,
    [property: Id(7)] string? FinishMessage)
{
    /// <summary>
    /// The settings travel with a first message (webhook → contact → sender), so a log line or exception that ever
    /// prints one must not print the token or the secrets.
    /// </summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"PhoneNumberId = {PhoneNumberId}, AccessToken = ***, AppSecret = ***, VerifyTokenHash = ***, ");
        builder.Append($"GraphApiBaseUrl = {GraphApiBaseUrl}, GraphApiVersion = {GraphApiVersion}, DefaultFlowId = {DefaultFlowId}, FinishMessage = {FinishMessage}");
        return true;
    }
}
