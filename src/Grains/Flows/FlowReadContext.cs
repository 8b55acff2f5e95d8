namespace Truora.Grains.Flows;

/// <summary>What every <see cref="BlockReader"/> of one parse shares.</summary>
internal sealed class FlowReadContext(FlowReferences references, IReadOnlySet<string> blockIds, FlowErrors errors)
{
    public FlowErrors Errors => errors;

    public FlowReferences References => references;

    /// <summary>Every block id declared, known before any block is read so a target is checked where it is read.</summary>
    public IReadOnlySet<string> BlockIds => blockIds;

    public HashSet<string> NamedGroups { get; } = new(StringComparer.Ordinal);

    public HashSet<string> NamedAgents { get; } = new(StringComparer.Ordinal);
}
