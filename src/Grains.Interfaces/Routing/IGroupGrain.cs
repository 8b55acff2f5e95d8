namespace Truora.Grains.Interfaces.Routing;

/// <summary>An agent group as admins edit it. Keyed <c>tenant/group</c>.</summary>
[Alias("Truora.IGroupGrain")]
public interface IGroupGrain : IGrainWithStringKey
{
    /// <summary>Creates the group; refused when the id is taken or a member id is unknown in the tenant.</summary>
    [Alias("Create")] Task<GroupChange> CreateAsync(string name, IReadOnlyList<string> memberIds);

    [Alias("Get")] Task<GroupDetails?> GetAsync();

    /// <summary>Renames the group and sets its members; refused when it does not exist or a member id is unknown.</summary>
    [Alias("Update")] Task<GroupChange> UpdateAsync(string name, IReadOnlyList<string> memberIds);

    /// <summary>Deletes the group; conversations waiting in it stay waiting with no group rotation (mode none).</summary>
    [Alias("Delete")] Task<bool> DeleteAsync();
}
