namespace Truora.Grains.Interfaces.Routing;

/// <summary>
/// The result of creating or editing a group: the group, or why not (the id is taken, the group does not
/// exist, or these member ids are not members of the tenant).
/// </summary>
[GenerateSerializer, Immutable, Alias("Truora.GroupChange")]
public sealed record GroupChange(
    [property: Id(0)] GroupDetails? Group,
    [property: Id(1)] bool Exists,
    [property: Id(2)] IReadOnlyList<string> UnknownMemberIds);
