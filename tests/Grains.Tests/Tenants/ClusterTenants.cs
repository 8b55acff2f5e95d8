using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Tenants;

namespace Truora.Grains.Tests.Tenants;

/// <summary>The one way grain tests make a tenant, on whichever cluster they run.</summary>
internal static class ClusterTenants
{
    /// <summary>A fresh tenant in <paramref name="timeZone"/>; its scope's accessors put it in the calling test's request context.</summary>
    public static async Task<TenantScope> NewTenantAsync(this IClusterClient client, string timeZone = "America/Bogota")
    {
        var tenant = new TenantId($"t{Guid.NewGuid():N}"[..16]);
        TenantContext.Enter(tenant);
        Assert.NotNull(await client.GetGrain<ITenantGrain>(tenant.Value).CreateAsync("Tenant", timeZone));
        return new TenantScope(client, tenant);
    }
}
