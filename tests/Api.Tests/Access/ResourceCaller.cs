namespace Truora.Api.Tests.Access;

/// <summary>Who calls a route on a resource that exists, in a tenant where that caller has no right to it.</summary>
public enum ResourceCaller
{
    /// <summary>The admin key of another tenant.</summary>
    OtherTenantAdmin,

    /// <summary>An agent of the conversation's group, which another agent of that group owns.</summary>
    AgentOfTheGroup,

    /// <summary>An agent of the tenant in none of the conversation's groups.</summary>
    AgentOutsideTheGroup,
}
