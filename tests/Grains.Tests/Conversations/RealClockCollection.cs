namespace Truora.Grains.Tests.Conversations;

[CollectionDefinition(Name)]
public sealed class RealClockCollection : ICollectionFixture<RealClockCluster>
{
    public const string Name = "conversations-real-clock";
}
