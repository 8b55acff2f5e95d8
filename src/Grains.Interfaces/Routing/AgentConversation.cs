using Truora.Grains.Interfaces.Conversations;

namespace Truora.Grains.Interfaces.Routing;

/// <summary>An entry of an agent's own conversation index: enough to sort and filter its list.</summary>
[GenerateSerializer, Immutable, Alias("Truora.AgentConversation")]
public sealed record AgentConversation(
    [property: Id(0)] ConversationId ConversationId,
    [property: Id(1)] ConversationStatus Status,
    [property: Id(2)] DateTimeOffset LastActivityAt);
