using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Truora.Bench;

/// <summary>A Kestrel app of this process on 127.0.0.1 and a free port, without logging.</summary>
internal abstract class LocalServer : IAsyncDisposable
{
    private WebApplication? app;

    /// <summary>Such as <c>http://127.0.0.1:50123</c>.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1");

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    protected async Task StartAsync(Action<WebApplication> map, CancellationToken cancel)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0").ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        app = builder.Build();
        map(app);
        await app.StartAsync(cancel);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseUrl = new Uri(address.TrimEnd('/'));
    }
}

/// <summary>The ceiling: a bare minimal-API endpoint that reads a JSON body and writes it back.</summary>
internal sealed class EchoServer : LocalServer
{
    public static async Task<EchoServer> StartAsync(CancellationToken cancel)
    {
        var server = new EchoServer();
        await server.StartAsync(app => app.MapPost("/echo", (JsonElement body) => TypedResults.Json(body)), cancel);
        return server;
    }
}

/// <summary>
/// Meta's Graph API as the node uses it: answers every send-message POST with Meta's success JSON and a fresh wamid,
/// and notes what the harness waits for: which contacts got the flow's question, and when each agent reply (a text
/// starting with <see cref="ReplyPrefix"/>, unique per reply) first arrived (delivery is at least once).
/// </summary>
internal sealed class GraphStandIn : LocalServer
{
    public const string ReplyPrefix = "bench-reply ";

    private readonly string question;
    private long posts;

    private GraphStandIn(string question) => this.question = question;

    public long Posts => Interlocked.Read(ref posts);

    /// <summary>Contacts (wa_id) that received the question prompt.</summary>
    public ConcurrentDictionary<string, bool> Questioned { get; } = new(StringComparer.Ordinal);

    /// <summary>Reply text → the Stopwatch timestamp of its first POST.</summary>
    public ConcurrentDictionary<string, long> Replies { get; } = new(StringComparer.Ordinal);

    public static async Task<GraphStandIn> StartAsync(string question, CancellationToken cancel)
    {
        var server = new GraphStandIn(question);
        await server.StartAsync(app => app.MapPost("/{version}/{phoneNumberId}/messages", (RequestDelegate)server.AnswerAsync), cancel);
        return server;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        string? to = null, text = null;
        using (var json = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))
        {
            var seen = Stopwatch.GetTimestamp();
            var root = json.RootElement;
            if (root.TryGetProperty("to", out var recipient))
            {
                to = recipient.GetString();
            }

            if (root.TryGetProperty("text", out var body) && body.TryGetProperty("body", out var words))
            {
                text = words.GetString();
            }

            if (text is not null && text.StartsWith(ReplyPrefix, StringComparison.Ordinal))
            {
                Replies.TryAdd(text, seen);
            }
            else if (to is not null && text == question)
            {
                Questioned.TryAdd(to, true);
            }
        }

        Interlocked.Increment(ref posts);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsJsonAsync(
            new
            {
                messaging_product = "whatsapp",
                contacts = new[] { new { input = to, wa_id = to } },
                messages = new[] { new { id = "wamid.bench-" + Guid.NewGuid().ToString("N") } },
            },
            context.RequestAborted);
    }
}
