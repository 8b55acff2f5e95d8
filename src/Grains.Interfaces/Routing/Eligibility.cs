namespace Truora.Grains.Interfaces.Routing;

/// <summary>Which agents may take a conversation: the one rule an agent judges a request to take one by.</summary>
public enum Eligibility
{
    /// <summary>Available and under its capacity: the <c>available</c> rotation.</summary>
    Available = 0,

    /// <summary>Any member, whatever its status and load: the <c>all</c> rotation, a named agent, claims and assignments.</summary>
    Any = 1,
}
