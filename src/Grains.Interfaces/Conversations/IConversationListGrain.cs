namespace Truora.Grains.Interfaces.Conversations;

/// <summary>
/// Answers list queries by merging the right indexes (an agent's own, the groups' queues, the tenant's day
/// indexes). Stateless, keyed by tenant, so lists scale out and never queue behind each other.
/// </summary>
[Alias("Truora.IConversationListGrain")]
public interface IConversationListGrain : IGrainWithStringKey
{
    /// <summary>Null when the cursor is not one this server made.</summary>
    [Alias("List")] Task<ConversationPage?> ListAsync(ConversationQuery query);
}
