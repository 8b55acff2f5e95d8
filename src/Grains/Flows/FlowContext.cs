namespace Truora.Grains.Flows;

/// <summary>What a block may look at when it runs: the moment, the tenant's zone, the variables captured so far.</summary>
public sealed record FlowContext(DateTimeOffset Now, TimeZoneInfo Zone, IReadOnlyDictionary<string, string> Variables);
