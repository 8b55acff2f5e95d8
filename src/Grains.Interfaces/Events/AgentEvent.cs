namespace Truora.Grains.Interfaces.Events;

/// <summary>
/// Something an agent should see now. <paramref name="Id"/> increases per agent (the SSE <c>id:</c>);
/// <paramref name="Notify"/> and <paramref name="Sound"/> follow the agent's settings when it was sent.
/// </summary>
[GenerateSerializer, Immutable, Alias("Truora.AgentEvent")]
public sealed record AgentEvent(
    [property: Id(0)] long Id,
    [property: Id(1)] string Type,
    [property: Id(2)] string ConversationId,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] bool Notify,
    [property: Id(5)] bool Sound,
    [property: Id(6)] string? Text = null,
    [property: Id(7)] string? GroupId = null,
    [property: Id(8)] string? OwnerId = null);
