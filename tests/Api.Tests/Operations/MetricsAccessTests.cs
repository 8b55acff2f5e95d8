using System.Net;
using System.Net.Http.Headers;
using Truora.Api.Tests.EndToEnd;
using Truora.Api.Tests.Faults;
using Truora.Api.Tests.Hosting;
using Truora.Tests;

namespace Truora.Api.Tests.Operations;

/// <summary>
/// <c>/metrics</c> is the operator's: anonymous scrapes are refused unless the node allows them, and no series names a
/// tenant unless the node asks for it. Nodes of their own (separate processes): meters are process-wide.
/// </summary>
public sealed class MetricsAccessTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AScrapeNeedsTheOperatorKeyAndNamesNoTenantByDefault()
    {
        await using var node = await StartAsync(new Dictionary<string, string?> { ["Truora__OperatorKey"] = FaultNode.OperatorKey });
        await using var graph = await GraphApiStandIn.StartAsync();
        var tenant = await FaultTenant.CreateAsync(node, graph, agents: 1);
        foreach (var text in new[] { "hi", "Ana", "1020304050" })
        {
            await tenant.DeliverAsync([node], "573005550001", text);
        }

        using var anonymous = new HttpClient { BaseAddress = node.BaseAddress };
        using var refused = await anonymous.GetAsync("/metrics", Cancel);
        using var scraper = FaultTenant.Client(node, FaultNode.OperatorKey);
        var scrape = await Poll.UntilAsync(
            () => scraper.GetStringAsync("/metrics", Cancel),
            text => text.Contains("truora_conversations_open", StringComparison.Ordinal),
            "the open conversations gauge in a scrape");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.DoesNotContain("tenant=", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain(tenant.Id, scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANodeMayAllowAnonymousScrapes()
    {
        await using var node = await StartAsync(new Dictionary<string, string?> { ["Truora__Metrics__AllowAnonymous"] = "true" });
        using var anonymous = new HttpClient { BaseAddress = node.BaseAddress };

        using var scrape = await anonymous.GetAsync("/metrics", Cancel);

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("text/plain").MediaType, scrape.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<NodeProcess> StartAsync(Dictionary<string, string?> environment)
    {
        var node = NodeProcess.Start(environment);
        Assert.True(await node.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), Cancel), node.Output);
        return node;
    }
}
