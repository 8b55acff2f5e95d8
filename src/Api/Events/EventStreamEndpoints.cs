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
using Truora.Grains.Interfaces.Access;
using Truora.Grains.Interfaces.Events;

namespace Truora.Api.Events;

/// <summary>
/// <c>GET /v1/me/events</c>: Server-Sent Events. The connection subscribes a grain observer to the agent's
/// inbox (which may live on any silo), replays what a reconnecting client missed (Last-Event-ID), sends a
/// comment line every 10 seconds so proxies keep it open, and unsubscribes when the client goes. Events are written in
/// id order without gaps (see <see cref="WriteArrivedAsync"/>). It ends when its
/// key is rotated or its member deleted: the inbox tells it at once, and it checks its key itself once subscribed
/// (a revocation may land between the request's authentication and its subscription) and at every renewal.
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

        await inbox.SubscribeAsync(observer);
        try
        {
            if (!await KeyStillValidAsync(grains, user, caller))
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers["X-Accel-Buffering"] = "no";
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
            while (!cancellation.IsCancellationRequested && !sink.Reader.Completion.IsCompleted)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                wait.CancelAfter(heartbeat);
                var woken = await WaitAsync(sink, wait.Token);
                last = await WriteArrivedAsync(http.Response, sink, inbox, last, options, cancellation);

                if (!woken)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", cancellation);
                }

                await http.Response.Body.FlushAsync(cancellation);
                if (DateTime.UtcNow >= renewAt)
                {
                    // Renewed first, checked after: a revocation landing in between has already ended this stream's
                    // subscription or finds it renewed, and the check that follows sees the revoked key either way.
                    await inbox.SubscribeAsync(observer);
                    if (!await KeyStillValidAsync(grains, user, caller))
                    {
                        break;
                    }

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

    /// <summary>
    /// Writes the events that arrived, in id order, and returns the last id written. Orleans does not keep one-way
    /// messages in order (a burst to an observer arrives shuffled), and a slow stream's sink drops its oldest, so a
    /// gap in the ids (one inbox activation numbers without gaps) is filled from the inbox's replay, which holds them
    /// in order; the live copies that straggle in later are already written and skipped.
    /// </summary>
    private static async Task<long> WriteArrivedAsync(
        HttpResponse response, EventStreamSink sink, IAgentInboxGrain inbox, long last, JsonSerializerOptions options, CancellationToken cancellation)
    {
        List<AgentEvent>? arrived = null;
        while (sink.Reader.TryRead(out var agentEvent))
        {
            (arrived ??= []).Add(agentEvent);
        }

        if (arrived is null)
        {
            return last;
        }

        arrived.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        foreach (var agentEvent in arrived)
        {
            if (agentEvent.Id <= last)
            {
                continue;
            }

            if (last != long.MinValue && agentEvent.Id != last + 1)
            {
                foreach (var missed in await inbox.ReadSinceAsync(last))
                {
                    if (missed.Id > last && missed.Id < agentEvent.Id)
                    {
                        await WriteAsync(response, missed, options, cancellation);
                        last = missed.Id;
                    }
                }
            }

            await WriteAsync(response, agentEvent, options, cancellation);
            last = agentEvent.Id;
        }

        return last;
    }

    private static async Task<bool> KeyStillValidAsync(IGrainFactory grains, ClaimsPrincipal user, Caller caller) =>
        user.FindFirst(AccessClaims.KeyHash)?.Value is { } keyHash
        && await grains.Reference<IApiKeyGrain>(keyHash).ResolveAsync() is { } current
        && current.Tenant == caller.Tenant && current.MemberId == caller.MemberId;

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
