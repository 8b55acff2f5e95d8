namespace Truora.Grains.Interfaces.Tenants;

/// <summary>A tenant: the company whose agents, flows and contacts are walled off from every other.</summary>
[GenerateSerializer, Immutable, Alias("Truora.TenantId")]
public readonly record struct TenantId([property: Id(0)] string Value)
{
    public static TenantId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException($"'{value}' is not a tenant id ({EntityId.Pattern}).");

    public static bool TryParse(string? value, out TenantId id)
    {
        id = EntityId.IsValid(value) ? new TenantId(value!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
