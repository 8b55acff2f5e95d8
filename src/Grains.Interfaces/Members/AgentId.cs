namespace Truora.Grains.Interfaces.Members;

/// <summary>
/// A member of a tenant as routing and the agent suite name it: the key of its member, agent and inbox grains.
/// Lives with the members because a member is where the id is chosen (<c>POST /v1/members</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Truora.AgentId")]
public readonly record struct AgentId([property: Id(0)] string Value)
{
    public static AgentId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException($"'{value}' is not a member id ({EntityId.Pattern}).");

    public static bool TryParse(string? value, out AgentId id)
    {
        id = EntityId.IsValid(value) ? new AgentId(value!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
