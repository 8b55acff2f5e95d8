using Truora.Api.Tests.EndToEnd;

namespace Truora.Api.Tests.Operations;

public sealed class ShutdownLogTests
{
    /// <summary>
    /// The only node stopping right after traffic has a group's cursor, agents' inboxes and a conversation's
    /// activity time still held for their next write. Before, their deactivations wrote to storage grains already
    /// gone and called index grains there was no silo left for: dozens of errors and warnings in every stop.
    /// </summary>
    [Fact]
    public async Task StoppingTheOnlyNodeRightAfterTrafficLogsNoWarningOrError()
    {
        var node = new ShippedLogLevelsNode();
        await node.InitializeAsync();
        try
        {
            await using var tenant = await WhatsAppTenant.CreateAsync(node);
            const string User = "573006660001";
            await tenant.ReachAgentAsync(User);
            await tenant.SayAsync(User, "one more thing");
            node.Reset();
        }
        finally
        {
            await node.DisposeAsync();
        }

        Assert.Contains(node.Lines, line => line.StartsWith("Information Microsoft.Hosting.Lifetime: Application is shutting down", StringComparison.Ordinal));
        Assert.DoesNotContain(node.Lines, line => line.StartsWith("Warning ", StringComparison.Ordinal) || line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal));
    }
}
