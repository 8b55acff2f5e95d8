namespace Truora.Grains.Interfaces.Flows;

/// <summary>One saved version of a flow, as the contract's JSON.</summary>
[GenerateSerializer, Immutable, Alias("Truora.FlowVersion")]
public sealed record FlowVersion(
    [property: Id(0)] string FlowId,
    [property: Id(1)] int Version,
    [property: Id(2)] string Json);
