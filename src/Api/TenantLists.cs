using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Tenants;

namespace Truora.Api;

/// <summary>The plain "everything" lists (members, groups, flows, templates): the tenant's index, then each item.</summary>
public static class TenantLists
{
    public static async Task<T[]> ListAsync<T>(this IGrainFactory grains, TenantId tenant, TenantIndex index, Func<string, Task<T?>> load)
        where T : class
    {
        var ids = await grains.Reference<ITenantGrain>(tenant.Value).ListAsync(index);
        var items = await Task.WhenAll(ids.Select(load));
        return [.. items.OfType<T>()];
    }
}
