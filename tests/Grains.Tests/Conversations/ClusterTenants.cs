using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Tenants;
using Truora.Grains.Tests.Routing;

namespace Truora.Grains.Tests.Conversations;

internal static class ClusterTenants
{
    /// <summary>A fresh tenant; its scope's accessors put it in the calling test's request context.</summary>
    public static async Task<TenantScope> NewTenantAsync(this IClusterClient client)
    {
        var tenant = new TenantId($"t{Guid.NewGuid():N}"[..16]);
        TenantContext.Enter(tenant);
        await client.GetGrain<ITenantGrain>(tenant.Value).CreateAsync("Tenant", "America/Bogota");
        return new TenantScope(client, tenant);
    }
}
