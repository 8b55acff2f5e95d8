using Truora.Api.Tests.EndToEnd;

namespace Truora.Api.Tests.Operations;

/// <summary>A node on the shipped <c>appsettings.json</c> levels (Information unless it says otherwise), every line kept.</summary>
public sealed class ShippedLogLevelsNode : LogCapturingNode
{
    protected override IEnumerable<string> ExtraArguments => ["--Logging:LogLevel:Default=Information"];
}

public sealed class RoutineTrafficLogTests(ShippedLogLevelsNode node) : IClassFixture<ShippedLogLevelsNode>
{
    /// <summary>
    /// Operators run the shipped levels. Before they kept Polly at Warning, every placement of a new activation and
    /// every Graph API post wrote two Information lines from the resilience pipelines: four and more per first
    /// message, about a fifth of the node's ingest rate spent on console logging (BENCHMARKS.md).
    /// </summary>
    [Fact]
    public async Task RoutineTrafficWritesNothingAtInformation()
    {
        Assert.Contains(node.Lines, line => line.StartsWith("Information Microsoft.Hosting.Lifetime", StringComparison.Ordinal));
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        node.Lines.Clear();

        for (var i = 0; i < 3; i++)
        {
            var conversation = await tenant.ReachAgentAsync($"57300555000{i}");
            var owner = ConversationJson.String(await WhatsAppTenant.ConversationAsync(tenant.Admin, conversation), "ownerId");
            var agent = owner == tenant.FirstAgentId ? tenant.FirstAgent : tenant.SecondAgent;
            using var reply = await agent.PostAsync($"/v1/conversations/{conversation}/messages",
                System.Net.Http.Json.JsonContent.Create(new { text = $"reply {i}" }), TestContext.Current.CancellationToken);
            await reply.ExpectAsync(System.Net.HttpStatusCode.Accepted);
        }

        await tenant.Graph.WaitForAsync(posts => posts.Count(post => post.Text?.StartsWith("reply ", StringComparison.Ordinal) == true) == 3, Poll.Patience);
        Assert.Empty(node.Lines);
    }
}
