namespace Truora.Grains.WhatsApp;

public sealed partial class OutboundDispatcher
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbound message {MessageId} failed for good: {Error}")]
    private static partial void LogSendFailed(ILogger logger, string messageId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The results of outbound messages from {MessageId} on could not be recorded; they will be offered again.")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string messageId);
}
