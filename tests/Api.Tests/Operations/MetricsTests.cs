using System.Globalization;
using System.Text.RegularExpressions;
using Truora.Api.Tests.EndToEnd;

namespace Truora.Api.Tests.Operations;

/// <summary>
/// A node of its own, tested while no other node runs in this process: OpenTelemetry listens to meters by name,
/// so a second node's "Truora" meter in the same process would blur what this one reports.
/// </summary>
public sealed class MetricsNode : InProcessNode
{
    /// <summary>Tenant labels on, as an operator who wants per-tenant series sets them (off by default).</summary>
    protected override IEnumerable<string> ExtraArguments => ["--Truora:Metrics:TenantLabels=true"];
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection : ICollectionFixture<MetricsNode>
{
    public const string Name = "metrics";
}

[Collection(MetricsCollection.Name)]
public sealed partial class MetricsTests(MetricsNode node)
{
    [Fact]
    public async Task AScriptedHandoffMovesTheProductMetrics()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        var before = await ScrapeAsync();

        await tenant.ReachAgentAsync("573002220001");
        var after = await ScrapeAsync();

        Assert.True(Value(after, "truora_handoffs_total", "mode=\"available\"", "outcome=\"assigned\"") > Value(before, "truora_handoffs_total", "mode=\"available\"", "outcome=\"assigned\""));
        Assert.True(Value(after, "truora_whatsapp_inbound_total", "result=\"flow\"") >= Value(before, "truora_whatsapp_inbound_total", "result=\"flow\"") + 2);
        Assert.True(Value(after, "truora_whatsapp_outbound_total", "result=\"sent\"") > Value(before, "truora_whatsapp_outbound_total", "result=\"sent\""));
        Assert.Equal(1, Value(after, "truora_conversations_open", $"tenant=\"{tenant.Id}\""));
        Assert.Contains("truora_handoff_time_to_assignment_seconds_bucket", after, StringComparison.Ordinal);
        Assert.Contains("orleans_", after, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", after, StringComparison.Ordinal);
    }

    private async Task<string> ScrapeAsync()
    {
        using var client = node.Client(InProcessNode.OperatorKey);
        // The exporter caches a scrape briefly; metrics recorded since then show on the next one.
        await Task.Delay(TimeSpan.FromMilliseconds(1100), TestContext.Current.CancellationToken);
        return await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
    }

    /// <summary>The sum of a metric's samples whose labels include all of <paramref name="labels"/> (0 when none).</summary>
    private static double Value(string scrape, string name, params string[] labels) =>
        Sample().Matches(scrape)
            .Where(match => match.Groups["name"].Value == name && labels.All(label => match.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            .Sum(match => double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?<labels>[^}]*)\} (?<value>[-+0-9.eE]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
