namespace Truora.Grains.Interfaces.Members;

/// <summary>A person of a tenant: admin or agent, with its status and settings. Keyed <c>tenant/member</c>.</summary>
[Alias("Truora.IMemberGrain")]
public interface IMemberGrain : IGrainWithStringKey
{
    /// <summary>Creates the member and returns its API key, shown once; null when the id is taken.</summary>
    [Alias("Create")] Task<string?> CreateAsync(NewMember member);

    [Alias("Get")] Task<MemberDetails?> GetAsync();

    [Alias("Update")] Task<MemberDetails?> UpdateAsync(MemberPatch patch);

    /// <summary>Revokes the key at once and hands the member's open conversations back to routing.</summary>
    [Alias("Delete")] Task<bool> DeleteAsync();

    /// <summary>Issues a new key and revokes the old one; null when the member does not exist.</summary>
    [Alias("RotateKey")] Task<string?> RotateKeyAsync();

    [Alias("SetStatus")] Task<MemberDetails?> SetStatusAsync(AgentStatus status);

    [Alias("SetNotifications")] Task<MemberDetails?> SetNotificationSettingsAsync(NotificationSettings settings);
}
