using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Members;

namespace Truora.Grains.Interfaces.Conversations;

/// <summary>
/// A conversation as the agent suite works it. Keyed <c>tenant/conversation</c>. Each action takes the
/// caller and decides itself what that caller may see (404) and do (403).
/// </summary>
[Alias("Truora.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>Null when the conversation does not exist or the caller may not see it.</summary>
    [ReadOnly, Alias("Get")] Task<ConversationDetails?> GetAsync(Caller caller);

    [Alias("SendMessage")] Task<ConversationReply> SendAgentMessageAsync(Caller caller, string text);

    [Alias("Assign")] Task<ConversationReply> AssignAsync(Caller caller, AgentId agentId);

    [Alias("Close")] Task<ConversationReply> CloseAsync(Caller caller);

    [Alias("Finish")] Task<ConversationReply> FinishAsync(Caller caller);
}
