namespace Truora.Grains.Interfaces.Routing;

/// <summary>The answer of an agent asked to take a conversation.</summary>
public enum AgentTake
{
    Refused = 0,
    Taken = 1,
    AlreadyOwned = 2,
}
