namespace Truora.Api.Tests.Events;

/// <summary>A node whose idle streams get a comment line every 200 ms instead of every 10 s.</summary>
public sealed class QuickHeartbeatNode : InProcessNode
{
    protected override IEnumerable<string> ExtraArguments => ["--Truora:Events:Heartbeat=00:00:00.2"];
}

public sealed class HeartbeatTests(QuickHeartbeatNode node) : IClassFixture<QuickHeartbeatNode>
{
    [Fact]
    public async Task AnIdleStreamGetsCommentLinesToKeepProxiesFromClosingIt()
    {
        var (_, adminKey) = await node.CreateTenantAsync();
        var (_, key) = await node.CreateMemberAsync(adminKey);
        using var client = node.Client(key);
        await using var stream = await SseStream.OpenAsync(client);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (stream.Comments < 4)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Only {stream.Comments} comment lines arrived.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
