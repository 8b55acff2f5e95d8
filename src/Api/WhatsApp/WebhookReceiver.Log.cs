using Microsoft.Extensions.Logging;

namespace Truora.Api.WhatsApp;

public static partial class WebhookReceiver
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook for tenant {TenantId} names phone number id {PhoneNumberId}, not its channel's; ignored.")]
    private static partial void LogOtherNumber(ILogger logger, string tenantId, string phoneNumberId);
}
