namespace Truora.Grains.Interfaces.Conversations;

/// <summary>How an agent-suite action went; the API maps each to its status code.</summary>
public enum ConversationOutcome
{
    Ok = 0,
    NotFound = 1,
    Forbidden = 2,
    Conflict = 3,
    MemberNotFound = 4,
    CooldownActive = 5,
    OutsideWindow = 6,
}
