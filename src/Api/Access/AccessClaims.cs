using System.Security.Claims;
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Tenants;

namespace Truora.Api.Access;

/// <summary>How a resolved key travels through ASP.NET Core: as claims on the request's principal.</summary>
public static class AccessClaims
{
    public const string Tenant = "truora:tenant";
    public const string Member = "truora:member";

    /// <summary>The SHA-256 of the key the request came with: what a long-lived request checks is still valid.</summary>
    public const string KeyHash = "truora:key";
    public const string OperatorRole = "operator";
    public const string AdminRole = "admin";
    public const string AgentRole = "agent_role";

    public static ClaimsPrincipal ForOperator(string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Role, OperatorRole)], scheme));

    public static ClaimsPrincipal ForCaller(Caller caller, string keyHash, string scheme)
    {
        List<Claim> claims =
        [
            new(Tenant, caller.Tenant.Value),
            new(ClaimTypes.Role, caller.IsAdmin ? AdminRole : AgentRole),
            new(KeyHash, keyHash),
        ];
        if (caller.MemberId is { } member)
        {
            claims.Add(new Claim(Member, member));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The tenant caller behind an authorized request, or null for the operator.</summary>
    public static Caller? ToCaller(this ClaimsPrincipal user)
    {
        if (user.FindFirst(Tenant)?.Value is not { } tenant)
        {
            return null;
        }

        var role = user.IsInRole(AdminRole) ? MemberRole.Admin : MemberRole.AgentRole;
        return new Caller(new TenantId(tenant), user.FindFirst(Member)?.Value, role);
    }
}
