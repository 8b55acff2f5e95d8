using Truora.Grains.Interfaces.Contacts;
using Truora.Grains.Interfaces.Conversations;

namespace Truora.Grains.Contacts;

public sealed partial class ContactGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Contact {Phone} locked by the finish of conversation {ConversationId}.")]
    private static partial void LogFinished(ILogger logger, ContactId phone, ConversationId conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The delivery state of {MessageId} did not reach conversation {ConversationId}: {Reason}")]
    private static partial void LogDeliveryNotForwarded(ILogger logger, string messageId, ConversationId conversationId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Contact {Phone} could not open conversation {ConversationId} yet; retrying: {Reason}")]
    private static partial void LogOpeningDeferred(ILogger logger, ContactId phone, ConversationId conversationId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flow session of {Phone} in flow {FlowId} ended: {Reason}")]
    private static partial void LogSessionEnded(ILogger logger, ContactId phone, string flowId, string reason);
}
