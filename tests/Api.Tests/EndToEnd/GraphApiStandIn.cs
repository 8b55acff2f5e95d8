using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Truora.Tests;

namespace Truora.Api.Tests.EndToEnd;

/// <summary>
/// Meta's Graph API as far as the node uses it: a real HTTP server in the test process that records every
/// send-message post and answers as Meta does, or with 500 while it is told to fail.
/// </summary>
internal sealed class GraphApiStandIn : IAsyncDisposable
{
    private const string FailureJson = """{"error":{"message":"Stand-in failure","type":"OAuthException","code":2,"fbtrace_id":"stand-in"}}""";

    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly List<RecordedPost> posts = [];
    private int failuresLeft;
    private int holdsLeft;

    private GraphApiStandIn(WebApplication app) => this.app = app;

    /// <summary>What the channel's <c>graphApiBaseUrl</c> is set to, such as <c>http://127.0.0.1:50123</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>A snapshot of every post so far, in arrival order.</summary>
    public IReadOnlyList<RecordedPost> Posts
    {
        get
        {
            lock (gate)
            {
                return [.. posts];
            }
        }
    }

    public static async Task<GraphApiStandIn> StartAsync()
    {
        string[] args = ["--urls=http://127.0.0.1:0"];
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new GraphApiStandIn(app);
        app.MapPost("/{version}/{phoneNumberId}/messages", (RequestDelegate)standIn.AnswerAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        standIn.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return standIn;
    }

    /// <summary>The next <paramref name="count"/> posts are answered 500, as a Graph API outage would.</summary>
    public void FailNext(int count)
    {
        lock (gate)
        {
            failuresLeft = count;
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> posts are recorded (answered status 0) and then held without an answer until
    /// the sender goes away, as a post in flight when its node dies.
    /// </summary>
    public void HoldNext(int count)
    {
        lock (gate)
        {
            holdsLeft = count;
        }
    }

    /// <summary>
    /// Holds no further posts; those held stay unanswered until their sender goes away (a node killed with its post in
    /// flight), so none of them can be recorded as answered after all.
    /// </summary>
    public void StopHolding()
    {
        lock (gate)
        {
            holdsLeft = 0;
        }
    }

    /// <summary>Polls every 50 ms until the posts so far satisfy <paramref name="condition"/>; fails after <paramref name="timeout"/>.</summary>
    public Task<IReadOnlyList<RecordedPost>> WaitForAsync(Func<IReadOnlyList<RecordedPost>, bool> condition, TimeSpan timeout) =>
        Poll.UntilAsync(() => Task.FromResult(Posts), condition, "the Graph API stand-in to receive the expected posts", timeout);

    /// <summary>Watches the posts for <paramref name="period"/> and fails as soon as <paramref name="unwanted"/> holds.</summary>
    public async Task AssertNeverWithinAsync(Func<IReadOnlyList<RecordedPost>, bool> unwanted, TimeSpan period)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var seen = Posts;
            if (unwanted(seen))
            {
                Assert.Fail($"The Graph API stand-in received an unexpected post: {Poll.Describe(seen)}");
            }

            if (Stopwatch.GetElapsedTime(started) >= period)
            {
                return;
            }

            await Task.Delay(Poll.Interval, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var cancel = context.RequestAborted;
        JsonElement body;
        using (var json = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancel))
        {
            body = json.RootElement.Clone();
        }

        RecordedPost post;
        bool hold;
        lock (gate)
        {
            hold = holdsLeft > 0;
            if (hold)
            {
                holdsLeft--;
                posts.Add(new RecordedPost(context.Request.Path.Value ?? "", context.Request.Headers.Authorization.ToString(), body, 0, null));
            }
        }

        if (hold)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancel);
            }
            catch (OperationCanceledException)
            {
                // The sender went away.
            }

            return;
        }

        lock (gate)
        {
            var fail = failuresLeft > 0;
            if (fail)
            {
                failuresLeft--;
            }

            post = new RecordedPost(
                context.Request.Path.Value ?? "",
                context.Request.Headers.Authorization.ToString(),
                body,
                fail ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK,
                fail ? null : "wamid." + Guid.NewGuid().ToString("N"));
            posts.Add(post);
        }

        context.Response.StatusCode = post.AnsweredStatus;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(post.WhatsAppId is { } wamid ? Success(post.To ?? "", wamid) : FailureJson, cancel);
    }

    private static string Success(string to, string wamid)
    {
        var recipient = JsonSerializer.Serialize(to);
        return "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":" + recipient + ",\"wa_id\":" + recipient
            + "}],\"messages\":[{\"id\":" + JsonSerializer.Serialize(wamid) + "}]}";
    }
}
