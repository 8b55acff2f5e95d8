namespace Truora.Grains.Interfaces.Members;

/// <summary>
/// A partial update: null leaves a field alone. Capacity needs three states (keep, set, clear),
/// so it travels with its own flag.
/// </summary>
[GenerateSerializer, Immutable, Alias("Truora.MemberPatch")]
public sealed record MemberPatch(
    [property: Id(0)] string? Name = null,
    [property: Id(1)] string? Email = null,
    [property: Id(2)] MemberRole? Role = null,
    [property: Id(3)] bool SetsMaxOpenConversations = false,
    [property: Id(4)] int? MaxOpenConversations = null);
