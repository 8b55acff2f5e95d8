namespace Truora.Grains.Flows;

[GenerateSerializer, Alias("Truora.FlowState")]
public sealed class FlowState
{
    /// <summary>0 while the flow does not exist (never saved, or deleted).</summary>
    [Id(0)] public int CurrentVersion { get; set; }

    [Id(1)] public int LatestVersion { get; set; }

    /// <summary>Recent versions' JSON, kept for sessions still running them.</summary>
    [Id(2)] public Dictionary<int, string> Versions { get; set; } = [];
}
