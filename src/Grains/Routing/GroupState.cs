using Truora.Grains.Interfaces.Routing;

namespace Truora.Grains.Routing;

[GenerateSerializer, Alias("Truora.GroupState")]
public sealed class GroupState
{
    [Id(0)] public string Name { get; set; } = "";

    /// <summary>The rotation order: members in the order they joined.</summary>
    [Id(1)] public List<string> MemberIds { get; set; } = [];

    /// <summary>The index in <see cref="MemberIds"/> where the next rotation starts.</summary>
    [Id(2)] public int Cursor { get; set; }

    /// <summary>Conversations waiting for an owner, oldest first.</summary>
    [Id(3)] public List<HandoffTicket> Waiting { get; set; } = [];
}
