namespace Truora.Grains.Interfaces.Routing;

/// <summary>An agent group of a tenant: the key of its group grain, where its rotation and waiting queue live.</summary>
[GenerateSerializer, Immutable, Alias("Truora.GroupId")]
public readonly record struct GroupId([property: Id(0)] string Value)
{
    public static GroupId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException($"'{value}' is not a group id ({EntityId.Pattern}).");

    public static bool TryParse(string? value, out GroupId id)
    {
        id = EntityId.IsValid(value) ? new GroupId(value!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
