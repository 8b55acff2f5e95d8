namespace Truora.Grains.Routing;

public sealed class RoutingOptions
{
    public const string Section = "Truora:Routing";

    /// <summary>How often a group offers its waiting conversations to its members again, in case a wake-up was lost.</summary>
    public TimeSpan WaitingQueueSweep { get; set; } = TimeSpan.FromSeconds(10);
}
