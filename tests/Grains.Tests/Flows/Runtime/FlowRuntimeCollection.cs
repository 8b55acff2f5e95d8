namespace Truora.Grains.Tests.Flows.Runtime;

/// <summary>The flow runtime tests move one fake clock, so they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class FlowRuntimeCollection : ICollectionFixture<FlowRuntimeCluster>
{
    public const string Name = "flow-runtime-fake-clock";
}
