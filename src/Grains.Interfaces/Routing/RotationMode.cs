namespace Truora.Grains.Interfaces.Routing;

/// <summary>How a hand-off picks its agent: the <c>assign.mode</c> of a <c>connect_agent</c> block.</summary>
public enum RotationMode
{
    /// <summary>Rotation among the group's agents whose status is available and who have capacity.</summary>
    Available = 0,

    /// <summary>Rotation among all the group's agents, whatever their status or capacity.</summary>
    All = 1,

    /// <summary>The named agent.</summary>
    Specific = 2,

    /// <summary>No owner: the conversation waits in the group for a claim or an admin's assignment.</summary>
    None = 3,
}
