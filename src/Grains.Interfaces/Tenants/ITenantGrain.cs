namespace Truora.Grains.Interfaces.Tenants;

/// <summary>A tenant's settings and the indexes of its members, groups, flows and templates; keyed by the tenant id.</summary>
[Alias("Truora.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant and returns its admin key, shown once; null when the id is taken.</summary>
    [Alias("Create")] Task<string?> CreateAsync(string name, string timeZone);

    /// <summary>Issues a new admin key (returned once) and revokes the previous one; null when there is no such tenant.</summary>
    [Alias("RotateAdminKey")] Task<string?> RotateAdminKeyAsync();

    [ReadOnly, Alias("Get")] Task<TenantDetails?> GetAsync();

    /// <summary>Adds the id to (or removes it from) one of the tenant's indexes.</summary>
    [Alias("Index")] Task IndexAsync(TenantIndex index, string id, bool present);

    [ReadOnly, Alias("List")] Task<IReadOnlyList<string>> ListAsync(TenantIndex index);
}
