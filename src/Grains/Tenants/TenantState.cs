using Truora.Grains.Interfaces.Tenants;

namespace Truora.Grains.Tenants;

[GenerateSerializer, Alias("Truora.TenantState")]
public sealed class TenantState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public string TimeZone { get; set; } = "";
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public string AdminKeyHash { get; set; } = "";
    [Id(4)] public Dictionary<TenantIndex, SortedSet<string>> Indexes { get; set; } = [];
}
