using Truora.Grains.Interfaces.Tenants;

namespace Truora.Grains.Interfaces.Access;

/// <summary>
/// The tenant a call chain acts for, carried in Orleans' request context. The API sets it from the
/// authenticated key; tenant-owned grains refuse calls whose tenant differs from their key's.
/// </summary>
public static class TenantContext
{
    public const string Key = "truora-tenant";

    public static void Enter(TenantId tenant) => RequestContext.Set(Key, tenant.Value);

    public static string? Current => RequestContext.Get(Key) as string;
}
