namespace Truora.Grains.Interfaces.Tenants;

/// <summary>The kinds of things a tenant lists as plain arrays of everything.</summary>
public enum TenantIndex
{
    Members = 0,
    Groups = 1,
    Flows = 2,
    Templates = 3,
}
