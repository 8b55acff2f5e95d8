using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Truora.Api.Access;
using Truora.Grains.Interfaces;
using Truora.Grains.Interfaces.Events;

namespace Truora.Api.Events;

/// <summary>
/// <c>GET /v1/me/events</c>: Server-Sent Events. The connection subscribes a grain observer to the agent's
/// inbox (which may live on any silo), replays what a reconnecting client missed (Last-Event-ID), sends a
/// comment line every 10 seconds so proxies keep it open, and unsubscribes when the client goes.
/// </summary>
public static class EventStreamEndpoints
{
    public static IEndpointRouteBuilder MapEventStream(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/me/events", StreamAsync)
            .WithTags("Me")
            .RequireAuthorization(AccessPolicies.Member)
            .WithSummary("Server-Sent Events: one JSON object per data line, an id per event; Last-Event-ID replays what was missed.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return app;
    }

    private static async Task StreamAsync(HttpContext http, ClaimsPrincipal user, IGrainFactory grains, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IOptions<EventStreamOptions> streamOptions)
    {
        var caller = user.ToCaller()!;
        var (heartbeat, renewal) = (streamOptions.Value.Heartbeat, streamOptions.Value.Renewal);
        var cancellation = http.RequestAborted;
        var inbox = grains.Reference<IAgentInboxGrain>(EntityId.Key(caller.Tenant, caller.MemberId!));
        var sink = new EventStreamSink();
        var observer = grains.CreateObjectReference<IAgentEventsObserver>(sink);
        var options = new JsonSerializerOptions(json.Value.SerializerOptions) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await inbox.SubscribeAsync(observer);
        try
        {
            await http.Response.WriteAsync(": connected\n\n", cancellation);
            var last = long.MinValue;
            if (long.TryParse(http.Request.Headers["Last-Event-ID"], NumberStyles.None, CultureInfo.InvariantCulture, out var resumeAfter))
            {
                last = resumeAfter;
                foreach (var missed in await inbox.ReadSinceAsync(resumeAfter))
                {
                    await WriteAsync(http.Response, missed, options, cancellation);
                    last = missed.Id;
                }
            }

            await http.Response.Body.FlushAsync(cancellation);
            var renewAt = DateTime.UtcNow + renewal;
            while (!cancellation.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                wait.CancelAfter(heartbeat);
                var woken = await WaitAsync(sink, wait.Token);
                while (sink.Reader.TryRead(out var agentEvent))
                {
                    // Events that arrived while the replay was read are already written.
                    if (agentEvent.Id > last)
                    {
                        await WriteAsync(http.Response, agentEvent, options, cancellation);
                        last = agentEvent.Id;
                    }
                }

                if (!woken)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", cancellation);
                }

                await http.Response.Body.FlushAsync(cancellation);
                if (DateTime.UtcNow >= renewAt)
                {
                    await inbox.SubscribeAsync(observer);
                    renewAt = DateTime.UtcNow + renewal;
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            await inbox.UnsubscribeAsync(observer);
            grains.DeleteObjectReference<IAgentEventsObserver>(observer);
            GC.KeepAlive(sink);
        }
    }

    private static async Task<bool> WaitAsync(EventStreamSink sink, CancellationToken cancellation)
    {
        try
        {
            return await sink.Reader.WaitToReadAsync(cancellation);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task WriteAsync(HttpResponse response, AgentEvent agentEvent, JsonSerializerOptions options, CancellationToken cancellation)
    {
        var data = JsonSerializer.Serialize(agentEvent, options);
        await response.WriteAsync($"id: {agentEvent.Id.ToString(CultureInfo.InvariantCulture)}\ndata: {data}\n\n", cancellation);
    }
}
