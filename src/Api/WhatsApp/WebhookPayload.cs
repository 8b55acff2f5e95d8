namespace Truora.Api.WhatsApp;

/// <summary>What one webhook body carries, in the order Meta listed it.</summary>
public sealed record WebhookPayload(IReadOnlyList<WebhookMessage> Messages, IReadOnlyList<WebhookStatus> Statuses)
{
    public static WebhookPayload Empty { get; } = new([], []);
}
