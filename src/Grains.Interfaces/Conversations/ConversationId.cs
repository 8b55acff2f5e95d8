namespace Truora.Grains.Interfaces.Conversations;

/// <summary>A conversation of a tenant (made by the contact at a hand-off): the key of its conversation grain.</summary>
[GenerateSerializer, Immutable, Alias("Truora.ConversationId")]
public readonly record struct ConversationId([property: Id(0)] string Value)
{
    public static ConversationId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException($"'{value}' is not a conversation id ({EntityId.Pattern}).");

    public static bool TryParse(string? value, out ConversationId id)
    {
        id = EntityId.IsValid(value) ? new ConversationId(value!) : default;
        return id.Value is not null;
    }

    public override string ToString() => Value;
}
