namespace Truora.Grains.Tests.Conversations;

/// <summary>The tests that move the shared fake clock run one after another in this collection.</summary>
[CollectionDefinition(Name)]
public sealed class FakeClockCollection : ICollectionFixture<FakeClockCluster>
{
    public const string Name = "conversations-fake-clock";
}
