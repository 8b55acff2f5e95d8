namespace Truora.Grains.Contacts;

/// <summary>Where a run of a session's blocks stopped.</summary>
public enum FlowRunOutcome
{
    /// <summary>A question waits for the user's answer.</summary>
    AwaitingAnswer,

    /// <summary>A <c>connect_agent</c> block hands the user to a human.</summary>
    HandingOff,

    /// <summary>The flow reached its end: the session is over.</summary>
    Completed,

    /// <summary>The flow cannot go on (a loop, a missing block, its version gone): the session is over, for a reason.</summary>
    Stopped,
}
