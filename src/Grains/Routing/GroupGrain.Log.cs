using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Routing;

public sealed partial class GroupGrain
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Group {GroupId} deactivated without saving its rotation cursor: {Reason}")]
    private static partial void LogCursorNotSaved(ILogger logger, GroupId groupId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId} could not be reached for a hand-off; trying the next one: {Reason}")]
    private static partial void LogAgentUnreachable(ILogger logger, AgentId agentId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Conversation {ConversationId} handed from the waiting queue to {AgentId}.")]
    private static partial void LogHandedFromQueue(ILogger logger, ConversationId conversationId, AgentId agentId);
}
