using Truora.Tests;

namespace Truora.Api.Tests.Hosting;

/// <summary>The node executable itself: starts, reports ready, stops cleanly, refuses bad settings clearly.</summary>
public sealed class NodeProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StartsOnMemoryBecomesReadyAndStopsCleanly()
    {
        await using var node = NodeProcess.Start(new Dictionary<string, string?>());

        Assert.True(await node.WaitUntilReadyAsync(StartTimeout, TestContext.Current.CancellationToken), node.Output);
        var exitCode = await node.StopAsync(StopTimeout);

        // The node's own lines say why when it did not exit cleanly (CI once saw 134, an abort, not reproduced since).
        Assert.True(exitCode == 0, $"exit code {exitCode}:{Environment.NewLine}{node.Output}");
        Assert.Contains($"listening on {node.BaseAddress.ToString().TrimEnd('/')}", node.Output, StringComparison.Ordinal);
        Assert.Contains("Operator key (generated", node.Output, StringComparison.Ordinal);
        var errors = ErrorLines(node.Output);
        Assert.True(errors is null, $"The node logged errors:{Environment.NewLine}{errors}");
    }

    /// <summary>Each fail: or crit: line with the lines before it (an exception's stack comes before its line), or null.</summary>
    private static string? ErrorLines(string output)
    {
        var lines = output.Split('\n');
        var shown = lines.Select((line, i) => (line, i))
            .Where(entry => entry.line.Contains(" fail: ", StringComparison.Ordinal) || entry.line.Contains(" crit: ", StringComparison.Ordinal))
            .Select(entry => string.Join('\n', lines[Math.Max(0, entry.i - 12)..Math.Min(lines.Length, entry.i + 3)]))
            .ToArray();
        return shown.Length == 0 ? null : string.Join("\n---\n", shown);
    }

    [Fact]
    public async Task StartsOnPostgresWithAutoMigrateAndBecomesReady()
    {
        var connectionString = TestPostgres.Require();
        await using var node = NodeProcess.Start(new Dictionary<string, string?>
        {
            ["Truora__Storage"] = "Postgres",
            ["Truora__Storage__AutoMigrate"] = "true",
            ["ConnectionStrings__Orleans"] = connectionString,
            ["Orleans__ServiceId"] = TestPostgres.NewId("s"),
        });

        Assert.True(await node.WaitUntilReadyAsync(StartTimeout, TestContext.Current.CancellationToken), node.Output);
        Assert.Equal(0, await node.StopAsync(StopTimeout));
    }

    [Theory]
    [InlineData("Cassandra", "Host=127.0.0.1", "Truora:Storage")]
    [InlineData("Postgres", null, "ConnectionStrings:Orleans")]
    [InlineData("Postgres", "Host=127.0.0.1;Port=1;Timeout=2", "Cannot reach the Postgres database of ConnectionStrings:Orleans")]
    public async Task RefusesBadStorageSettingsWithOneClearLine(string storage, string? connectionString, string named)
    {
        await using var node = NodeProcess.Start(new Dictionary<string, string?>
        {
            ["Truora__Storage"] = storage,
            ["ConnectionStrings__Orleans"] = connectionString,
        });

        var exitCode = await node.WaitForExitAsync(StartTimeout);

        Assert.NotEqual(0, exitCode);
        var refusal = Assert.Single(node.Output.Split('\n'), line => line.Contains("crit:", StringComparison.Ordinal));
        Assert.Contains(named, refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpensNoGatewayUnlessItIsConfigured()
    {
        await using var node = NodeProcess.Start(new Dictionary<string, string?>());

        Assert.True(await node.WaitUntilReadyAsync(StartTimeout, TestContext.Current.CancellationToken), node.Output);

        Assert.Contains("gateway none", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesPostgresWithoutASecretsKeyNamingTheSetting()
    {
        await using var node = NodeProcess.Start(new Dictionary<string, string?>
        {
            ["Truora__Storage"] = "Postgres",
            ["ConnectionStrings__Orleans"] = "Host=127.0.0.1;Port=1;Timeout=2",
            ["Truora__Secrets__Key"] = null,
        });

        var exitCode = await node.WaitForExitAsync(StartTimeout);

        Assert.NotEqual(0, exitCode);
        var refusal = Assert.Single(node.Output.Split('\n'), line => line.Contains("crit:", StringComparison.Ordinal));
        Assert.Contains("Truora__Secrets__Key", refusal, StringComparison.Ordinal);
    }
}
