using Truora.Grains.Interfaces.Members;

namespace Truora.Api.Members;

/// <summary>A member as admins see it.</summary>
public sealed record MemberView(
    string Id,
    string Name,
    string Email,
    MemberRole Role,
    AgentStatus Status,
    DateTimeOffset StatusChangedAt,
    int? MaxOpenConversations,
    IReadOnlyList<string> Groups)
{
    public static MemberView From(MemberDetails member) => new(
        member.Id, member.Name, member.Email, member.Role, member.Status, member.StatusChangedAt,
        member.MaxOpenConversations, member.GroupIds);
}

public sealed record MemberCreated(string Id, string Name, string Email, MemberRole Role, string ApiKey);

public sealed record MemberKeyIssued(string Id, string ApiKey);

public sealed record CreateMemberRequest(string? Id, string? Name, string? Email, string? Role);
