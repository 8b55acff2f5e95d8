using Truora.Grains.Interfaces.Tenants;

namespace Truora.Grains.Interfaces;

/// <summary>The shape of every id a client chooses: <c>[a-z0-9_-]{1,64}</c>.</summary>
public static class EntityId
{
    public const int MaxLength = 64;
    public const string Pattern = "^[a-z0-9_-]{1,64}$";

    public static bool IsValid(string? value)
    {
        if (value is not { Length: > 0 and <= MaxLength })
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The grain key of an entity owned by a tenant. Ids cannot hold '/', so the tenant part is unambiguous
    /// and the key stays short enough for the reminder table's grain id column.
    /// </summary>
    public static string Key(TenantId tenant, string id) => string.Concat(tenant.Value, "/", id);

    /// <summary>The tenant part of a tenant-owned grain key, or null for a key with none.</summary>
    public static string? TenantOf(string grainKey)
    {
        var slash = grainKey.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? grainKey[..slash] : null;
    }

    /// <summary>The entity part of a tenant-owned grain key.</summary>
    public static string LocalIdOf(string grainKey) => grainKey[(grainKey.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
