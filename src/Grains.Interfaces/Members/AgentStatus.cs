namespace Truora.Grains.Interfaces.Members;

/// <summary>Whether an agent takes chats from the <c>available</c> rotation right now.</summary>
public enum AgentStatus
{
    Unavailable = 0,
    Available = 1,
}
