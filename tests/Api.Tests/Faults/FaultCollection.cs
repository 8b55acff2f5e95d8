namespace Truora.Api.Tests.Faults;

/// <summary>
/// The tests that kill nodes and stop databases: they run one at a time and after the rest, since their second-long
/// failure detection (probes, votes) on two shared cores must not compete with other tests' nodes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection
{
    public const string Name = "faults";
}
