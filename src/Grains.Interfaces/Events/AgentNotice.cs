using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Interfaces.Events;

/// <summary>An event before the agent's inbox numbers it and stamps it with the agent's settings.</summary>
[GenerateSerializer, Immutable, Alias("Truora.AgentNotice")]
public sealed record AgentNotice(
    [property: Id(0)] string Type,
    [property: Id(1)] ConversationId ConversationId,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string? Text = null,
    [property: Id(4)] GroupId? GroupId = null,
    [property: Id(5)] AgentId? OwnerId = null);
