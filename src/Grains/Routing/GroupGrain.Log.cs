namespace Truora.Grains.Routing;

public sealed partial class GroupGrain
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Group {GroupId} deactivated without saving its rotation cursor: {Reason}")]
    private static partial void LogCursorNotSaved(ILogger logger, string groupId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {MemberId} could not be reached for a hand-off; trying the next one: {Reason}")]
    private static partial void LogAgentUnreachable(ILogger logger, string memberId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Conversation {ConversationId} handed from the waiting queue to {MemberId}.")]
    private static partial void LogHandedFromQueue(ILogger logger, string conversationId, string memberId);
}
