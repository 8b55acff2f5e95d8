using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;

namespace Truora.Api.Tests.Events;

/// <summary>A real SSE client: reads <c>id:</c>/<c>data:</c> frames and comment lines off a streaming response.</summary>
internal sealed class SseStream : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly CancellationTokenSource stop = new();
    private readonly Channel<(long Id, JsonElement Data)> events = Channel.CreateUnbounded<(long, JsonElement)>();
    private readonly Task reading;

    private SseStream(HttpResponseMessage response)
    {
        this.response = response;
        reading = ReadAsync();
    }

    public int Comments { get; private set; }

    /// <summary>The events read so far, of any type.</summary>
    public int Events { get; private set; }

    public static async Task<SseStream> OpenAsync(HttpClient client, long? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/me/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is { } last)
        {
            request.Headers.Add("Last-Event-ID", last.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseStream(response);
    }

    /// <summary>The next event whose type is <paramref name="type"/>, skipping others; fails after the timeout.</summary>
    public async Task<(long Id, JsonElement Data)> NextAsync(string type, TimeSpan? timeout = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var next = await events.Reader.ReadAsync(deadline.Token);
            if (next.Data.GetProperty("type").GetString() == type)
            {
                return next;
            }
        }
    }

    /// <summary>The next event of any type; fails after the timeout.</summary>
    public async Task<(long Id, JsonElement Data)> NextAsync(TimeSpan? timeout = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(15));
        return await events.Reader.ReadAsync(deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        response.Dispose();
        try
        {
            await reading;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException)
        {
            // The stream was closed under the reader: that is how a client hangs up.
        }

        stop.Dispose();
    }

    private async Task ReadAsync()
    {
        await using var body = await response.Content.ReadAsStreamAsync(stop.Token);
        using var reader = new StreamReader(body);
        long id = 0;
        while (await reader.ReadLineAsync(stop.Token) is { } line)
        {
            if (line.StartsWith(':'))
            {
                Comments++;
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                Events++;
                await events.Writer.WriteAsync((id, JsonDocument.Parse(line[6..]).RootElement.Clone()), stop.Token);
            }
        }
    }
}
