namespace Truora.Grains.Access;

/// <summary>
/// Marks a grain whose key starts with its tenant: <see cref="TenantGuardFilter"/> refuses calls made on
/// behalf of any other tenant, a second line behind the API's own checks.
/// </summary>
public interface ITenantOwnedGrain;
