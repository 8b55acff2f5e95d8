using Truora.Grains.Interfaces.Members;

namespace Truora.Grains.Members;

[GenerateSerializer, Alias("Truora.MemberState")]
public sealed class MemberState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public string Email { get; set; } = "";
    [Id(2)] public MemberRole Role { get; set; }
    [Id(3)] public AgentStatus Status { get; set; }
    [Id(4)] public DateTimeOffset StatusChangedAt { get; set; }
    [Id(5)] public bool Notifications { get; set; } = true;
    [Id(6)] public bool Sound { get; set; } = true;
    [Id(7)] public int? MaxOpenConversations { get; set; }
    [Id(8)] public string KeyHash { get; set; } = "";
    [Id(9)] public SortedSet<string> GroupIds { get; set; } = new(StringComparer.Ordinal);
    [Id(10)] public DateTimeOffset CreatedAt { get; set; }

    // Id 11 held the agent's conversation index until it grew too large to rewrite with every hand-off; the
    // conversations' rows name their owners now (MemberGrain). Not reused, so a state stored before is read without it.
}
