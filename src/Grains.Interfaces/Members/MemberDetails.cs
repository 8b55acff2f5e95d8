namespace Truora.Grains.Interfaces.Members;

[GenerateSerializer, Immutable, Alias("Truora.MemberDetails")]
public sealed record MemberDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Email,
    [property: Id(3)] MemberRole Role,
    [property: Id(4)] AgentStatus Status,
    [property: Id(5)] DateTimeOffset StatusChangedAt,
    [property: Id(6)] NotificationSettings Settings,
    [property: Id(7)] int? MaxOpenConversations,
    [property: Id(8)] IReadOnlyList<string> GroupIds);
