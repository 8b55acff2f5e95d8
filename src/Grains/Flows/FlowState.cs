namespace Truora.Grains.Flows;

/// <summary>
/// Which versions exist; each version's JSON is a <see cref="IFlowVersionGrain"/> of its own, so a save writes the
/// new version once instead of rewriting every kept one. Id 2 held the kept versions' JSON; it is not reused.
/// </summary>
[GenerateSerializer, Alias("Truora.FlowState")]
public sealed class FlowState
{
    /// <summary>0 while the flow does not exist (never saved, or deleted).</summary>
    [Id(0)] public int CurrentVersion { get; set; }

    [Id(1)] public int LatestVersion { get; set; }
}
