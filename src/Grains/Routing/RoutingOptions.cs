using System.ComponentModel.DataAnnotations;

namespace Truora.Grains.Routing;

public sealed class RoutingOptions
{
    public const string Section = "Truora:Routing";

    /// <summary>How often a group offers its waiting conversations to its members again, in case a wake-up was lost.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan WaitingQueueSweep { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How soon a moved rotation cursor is written when nothing else writes the group first.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CursorFlush { get; set; } = TimeSpan.FromSeconds(1);
}
