using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Truora.Bench;

/// <summary>
/// Every agent's <c>GET /v1/me/events</c> stream, read line by line. A <c>conversation.assigned</c> event is
/// timestamped the moment its <c>data:</c> line is read, before any parsing, and queued with the agent it came to.
/// </summary>
internal sealed class AgentStreams : IAsyncDisposable
{
    public const string AssignedType = "conversation.assigned";

    private readonly CancellationTokenSource stop = new();
    private readonly List<(HttpResponseMessage Response, Task Reading)> streams = [];
    private readonly ConcurrentQueue<AssignedEvent> assigned = new();
    private long assignedCount;

    private AgentStreams(ErrorLog errors) => Errors = errors;

    /// <summary>Streams that broke while the run still needed them.</summary>
    public ErrorLog Errors { get; }

    /// <summary>Assigned events received since the last <see cref="Drain"/>.</summary>
    public long AssignedCount => Interlocked.Read(ref assignedCount);

    /// <summary>Opens one stream per key and returns once every stream has said it is subscribed.</summary>
    public static async Task<AgentStreams> OpenAsync(HttpClient http, Uri url, IReadOnlyList<string> agentKeys, TimeSpan patience, CancellationToken cancel)
    {
        var streams = new AgentStreams(new ErrorLog());
        try
        {
            var connected = new List<Task>();
            for (var agent = 0; agent < agentKeys.Count; agent++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agentKeys[agent]);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
                var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
                if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "text/event-stream")
                {
                    var status = (int)response.StatusCode;
                    response.Dispose();
                    throw new InvalidOperationException($"GET {url} for agent {agent} answered {status}, not an event stream.");
                }

                var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                streams.streams.Add((response, streams.ReadAsync(response, agent, first)));
                connected.Add(first.Task);
            }

            // The node writes ": connected" once the stream's observer is subscribed: events from then on reach us.
            await Task.WhenAll(connected).WaitAsync(patience, cancel);
            return streams;
        }
        catch
        {
            await streams.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes every assigned event received so far.</summary>
    public List<AssignedEvent> Drain()
    {
        var taken = new List<AssignedEvent>();
        while (assigned.TryDequeue(out var item))
        {
            taken.Add(item);
        }

        Interlocked.Add(ref assignedCount, -taken.Count);
        return taken;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        foreach (var (response, reading) in streams)
        {
            response.Dispose();
            try
            {
                await reading;
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException)
            {
                // Hanging up is how a client leaves an event stream.
            }
        }

        stop.Dispose();
    }

    private async Task ReadAsync(HttpResponseMessage response, int agent, TaskCompletionSource connected)
    {
        await Task.Yield();
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(stop.Token);
            using var reader = new StreamReader(body);
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                connected.TrySetResult();
                if (!line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    continue;
                }

                var at = Stopwatch.GetTimestamp();
                using var json = JsonDocument.Parse(line.AsMemory(6));
                var root = json.RootElement;
                if (root.GetProperty("type").ValueEquals(AssignedType))
                {
                    assigned.Enqueue(new AssignedEvent(root.GetProperty("conversationId").GetString()!, agent, at));
                    Interlocked.Increment(ref assignedCount);
                }
            }

            if (!stop.IsCancellationRequested)
            {
                Errors.Add($"agent {agent}: the event stream ended");
            }
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            Errors.Add($"agent {agent}: the event stream broke: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            connected.TrySetException(new InvalidOperationException($"The event stream of agent {agent} closed before it was connected."));
        }
    }
}

/// <summary>A <c>conversation.assigned</c> event: the conversation, the index of the agent it came to, when it was read.</summary>
internal readonly record struct AssignedEvent(string ConversationId, int Agent, long At);
