namespace Truora.Api.Access;

/// <summary>Who may call a route. Every route names one; there is no route without a policy.</summary>
public static class AccessPolicies
{
    /// <summary>The operator key from configuration: creates tenants.</summary>
    public const string Operator = "operator";

    /// <summary>An admin of the tenant: the tenant admin key or a member with role <c>admin</c>.</summary>
    public const string Admin = "admin";

    /// <summary>Any member key of the tenant, admin or agent; not the tenant admin key, which is no member.</summary>
    public const string Member = "member";

    /// <summary>Any key of a tenant: admins and agents, members or not.</summary>
    public const string TenantUser = "tenant-user";
}
