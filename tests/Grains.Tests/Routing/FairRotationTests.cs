using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.Routing;
using Truora.Grains.Tests.Tenants;

namespace Truora.Grains.Tests.Routing;

[Collection(RoutingCollection.Name)]
public sealed class FairRotationTests(RoutingCluster fixture)
{
    [Fact]
    public async Task TenThousandConcurrentHandoffsAcrossThreeSilosSplitWithinOneOfTheMean()
    {
        var handoffs = int.TryParse(Environment.GetEnvironmentVariable("TRUORA_FAIRNESS_HANDOFFS"), out var n) ? n : 10_000;
        const int agents = 10;
        var tenant = await fixture.NewTenantAsync();
        var ids = await tenant.AgentsAsync(agents);
        var group = await tenant.GroupAsync(ids);

        // Hundreds in flight at once, as a busy node sees them; unbounded, the 2-core test box only measures its own queue.
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        using var inFlight = new SemaphoreSlim(256);
        var opened = await Task.WhenAll(Enumerable.Range(0, handoffs).Select(async _ =>
        {
            await inFlight.WaitAsync(TestContext.Current.CancellationToken);
            try
            {
                return await tenant.HandOffAsync(RotationMode.Available, group);
            }
            finally
            {
                inFlight.Release();
            }
        }));

        Assert.All(opened, conversation => Assert.Equal(ConversationStatus.Assigned, conversation.Status));
        var perAgent = opened.GroupBy(conversation => conversation.OwnerId!).ToDictionary(owners => owners.Key, owners => owners.Count());
        Assert.Equal(agents, perAgent.Count);
        var mean = handoffs / agents;
        Assert.All(perAgent.Values, count => Assert.InRange(count, mean - 1, mean + 1));
        Assert.Equal(handoffs, await CountOpenAsync(tenant, ids));
        TestContext.Current.SendDiagnosticMessage($"{handoffs} hand-offs in {stopwatch.Elapsed}");
    }

    private static async Task<int> CountOpenAsync(TenantScope tenant, string[] agents)
    {
        var total = 0;
        foreach (var agent in agents)
        {
            total += await tenant.OpenCountAsync(agent);
        }

        return total;
    }
}
