using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Conversations;

public sealed partial class ConversationGrain
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Conversation {ConversationId} opened ({Mode}, group {GroupId}); owner {OwnerId}.")]
    private static partial void LogOpened(ILogger logger, ConversationId conversationId, RotationMode mode, GroupId? groupId, string? ownerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing of conversation {ConversationId} failed and will be retried: {Reason}")]
    private static partial void LogRoutingDeferred(ILogger logger, ConversationId conversationId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId} could not tell its agents yet; retrying: {Reason}")]
    private static partial void LogPublishDeferred(ILogger logger, ConversationId conversationId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} expired and closed.")]
    private static partial void LogExpired(ILogger logger, ConversationId conversationId);
}
