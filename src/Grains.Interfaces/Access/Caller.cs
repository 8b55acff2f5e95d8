using Truora.Grains.Interfaces.Members;
using Truora.Grains.Interfaces.Tenants;

namespace Truora.Grains.Interfaces.Access;

/// <summary>
/// Who a tenant key speaks for: a member (with its role), or the tenant admin key (no member, admin role).
/// </summary>
[GenerateSerializer, Immutable, Alias("Truora.Caller")]
public sealed record Caller(
    [property: Id(0)] TenantId Tenant,
    [property: Id(1)] string? MemberId,
    [property: Id(2)] MemberRole Role)
{
    public bool IsAdmin => Role is MemberRole.Admin;

    public bool IsMember => MemberId is not null;
}
