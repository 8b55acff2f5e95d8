namespace Truora.Grains.Interfaces.Tenants;

/// <summary>A tenant's settings and its member index, keyed by the tenant id.</summary>
[Alias("Truora.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant and returns its admin key, shown once; null when the id is taken.</summary>
    [Alias("Create")] Task<string?> CreateAsync(string name, string timeZone);

    [Alias("Get")] Task<TenantDetails?> GetAsync();

    [Alias("AddMember")] Task AddMemberAsync(string memberId);

    [Alias("RemoveMember")] Task RemoveMemberAsync(string memberId);

    [Alias("ListMembers")] Task<IReadOnlyList<string>> ListMembersAsync();
}
