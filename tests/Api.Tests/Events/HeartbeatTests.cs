using Truora.Tests;

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

        await Poll.UntilAsync(() => Task.FromResult(stream.Comments), comments => comments >= 4, "4 comment lines on an idle stream");
    }
}
