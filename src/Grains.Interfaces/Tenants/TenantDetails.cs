namespace Truora.Grains.Interfaces.Tenants;

[GenerateSerializer, Immutable, Alias("Truora.TenantDetails")]
public sealed record TenantDetails(
    [property: Id(0)] TenantId Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string TimeZone,
    [property: Id(3)] DateTimeOffset CreatedAt);
