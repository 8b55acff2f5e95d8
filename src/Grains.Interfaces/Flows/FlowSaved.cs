namespace Truora.Grains.Interfaces.Flows;

/// <summary>The saved version (and whether the flow is new), or the errors that refused it, each naming its block.</summary>
[GenerateSerializer, Immutable, Alias("Truora.FlowSaved")]
public sealed record FlowSaved(
    [property: Id(0)] FlowVersion? Flow,
    [property: Id(1)] bool Created,
    [property: Id(2)] IReadOnlyDictionary<string, string[]> Errors);
