namespace Truora.Grains.WhatsApp;

public sealed partial class WhatsAppChannelGrain
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The WhatsApp channel of tenant {TenantId} was sealed with another secrets key ({Reason}); it counts as not set until its admin sets it again.")]
    private static partial void LogSecretsUnreadable(ILogger logger, string tenantId, string reason);
}
