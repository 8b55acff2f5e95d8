namespace Truora.Grains.Interfaces.Members;

/// <summary>What a key may do in its tenant; on the wire as <c>admin</c> and <c>agent_role</c>.</summary>
public enum MemberRole
{
    Admin = 1,
    AgentRole = 2,
}
