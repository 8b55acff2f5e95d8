namespace Truora.Grains.Interfaces.Routing;

[GenerateSerializer, Immutable, Alias("Truora.GroupDetails")]
public sealed record GroupDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> MemberIds);
