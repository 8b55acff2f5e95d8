using Truora.Grains.Interfaces.Members;

namespace Truora.Api.Members;

/// <summary>The wire names of roles and statuses, as the contract spells them.</summary>
public static class MemberRoles
{
    public static bool TryParse(string? value, out MemberRole role)
    {
        (var ok, role) = value switch
        {
            "admin" => (true, MemberRole.Admin),
            "agent_role" => (true, MemberRole.AgentRole),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryParseStatus(string? value, out AgentStatus status)
    {
        (var ok, status) = value switch
        {
            "available" => (true, AgentStatus.Available),
            "unavailable" => (true, AgentStatus.Unavailable),
            _ => (false, default),
        };
        return ok;
    }
}
