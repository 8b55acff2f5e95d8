using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Truora.Api.Tests.EndToEnd;
using Truora.Tests;

namespace Truora.Api.Tests.Operations;

/// <summary>
/// A node on the shipped <c>appsettings.json</c> levels (Information unless it says otherwise), every line kept;
/// Kestrel's connection events at Debug too, so a test can tell when a connection's request is over.
/// </summary>
public sealed partial class ShippedLogLevelsNode : LogCapturingNode
{
    protected override IEnumerable<string> ExtraArguments =>
        ["--Logging:LogLevel:Default=Information", "--Logging:LogLevel:Microsoft.AspNetCore.Server.Kestrel.Connections=Debug"];

    /// <summary>Lines at Information or above.</summary>
    public string[] Informative => [.. Lines.Where(line => !line.StartsWith("Debug ", StringComparison.Ordinal))];

    /// <summary>Proves a Truora line at Information reaches the capture, then forgets every line so far.</summary>
    public void Reset()
    {
        LogCaptureCheck(Services.GetRequiredService<ILoggerFactory>().CreateLogger("Truora.Tests"));
        Assert.Contains(Lines, line => line == "Information Truora.Tests: capture check ");
        Lines.Clear();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "capture check")]
    private static partial void LogCaptureCheck(ILogger logger);
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
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        node.Reset();

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
        Assert.Empty(node.Informative);
    }

    /// <summary>
    /// Client errors get their 4xx problem and no server error: before, the exception handler logged every
    /// malformed JSON body and every webhook a client stopped sending halfway at Error, with its stack.
    /// </summary>
    [Fact]
    public async Task AMalformedBodyOrOneCutShortIsAClientErrorAndLogsNothing()
    {
        await using var tenant = await WhatsAppTenant.CreateAsync(node);
        node.Reset();

        using var malformed = await tenant.Admin.PostAsync("/v1/groups",
            new StringContent("{\"id\": ", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        await malformed.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);

        // Declares 4 KB, sends 100 bytes and goes, as a load generator does when its run ends mid-request.
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(node.BaseAddress.Host, node.BaseAddress.Port, TestContext.Current.CancellationToken);
            var head = $"POST /v1/webhooks/whatsapp/{tenant.Id} HTTP/1.1\r\nHost: {node.BaseAddress.Authority}\r\n"
                + "Content-Type: application/json\r\nX-Hub-Signature-256: sha256=00\r\nContent-Length: 4096\r\n\r\n";
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head + new string(' ', 100)), TestContext.Current.CancellationToken);
        }

        // Kestrel logs a connection's stop once its request is over, exception handling included.
        await Poll.UntilAsync(() => Task.FromResult(node.Lines.ToArray()), lines => lines.Any(line => line.Contains("stopped", StringComparison.Ordinal)), "the cut-short connection to stop");
        Assert.Empty(node.Informative);
    }
}
