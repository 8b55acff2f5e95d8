using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Truora.Silo.Storage;

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
/// The HTTP of a first message and nothing else, as a second ceiling: the webhook's JSON body is read and answered
/// with an empty 200, and two prompts are posted to a Graph API stand-in of its own, as the node does for the bench
/// flow's first message (its 200 first; the posts by <see cref="Senders"/> workers from a queue, like the node's
/// outbound sender). No signature, no grain, and a bare HttpClient without the node's resilience pipeline: what no
/// implementation of the flow can do without, on the same cores. The queue is short and makes the webhook wait
/// when full, so the rate counts posts that kept up, not a backlog left behind.
/// <para>
/// With a <see cref="RelayRecords"/> (PostgreSQL mode) it also does a first message's database work as the node
/// does it, one statement each: the contact's row read, then written before the 200, and written again once its
/// prompts are posted (their send report).
/// </para>
/// </summary>
internal sealed class RelayServer : LocalServer
{
    /// <summary>The node's default <c>Truora:WhatsApp:SendConcurrency</c>.</summary>
    public const int Senders = 128;

    private readonly Channel<string> contacts = Channel.CreateBounded<string>(512);
    private readonly HttpClient client = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
    private readonly string[] texts;
    private readonly RelayRecords? records;
    private readonly GraphStandIn graph;
    private readonly Task sending;
    private long failed;

    private RelayServer(string[] texts, RelayRecords? records, GraphStandIn graph)
    {
        this.texts = texts;
        this.records = records;
        this.graph = graph;
        var url = new Uri(graph.BaseUrl, $"/v21.0/{Webhooks.PhoneNumberId}/messages");
        sending = Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => SendAsync(url)));
    }

    /// <summary>Posts that did not get a 2xx from the stand-in, and send reports that could not be written.</summary>
    public long Failed => Interlocked.Read(ref failed);

    /// <summary>Posts the stand-in has answered.</summary>
    public long Posts => graph.Posts;

    /// <summary>
    /// Each webhook's contact gets <paramref name="texts"/>, one post each, in order (the bench flow's prompts); with
    /// <paramref name="records"/>, its row is read and written as the node's storage does.
    /// </summary>
    public static async Task<RelayServer> StartAsync(string[] texts, RelayRecords? records, CancellationToken cancel)
    {
        var server = new RelayServer(texts, records, await GraphStandIn.StartAsync(texts[^1], cancel));
        await server.StartAsync(app => app.MapPost("/relay", server.ReceiveAsync), cancel);
        return server;
    }

    /// <summary>Stops taking webhooks, sends what is queued, then stops the stand-in.</summary>
    public async ValueTask StopAsync()
    {
        await DisposeAsync();
        contacts.Writer.TryComplete();
        await sending;
        client.Dispose();
        await graph.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(JsonElement webhook)
    {
        var from = webhook.GetProperty("entry")[0].GetProperty("changes")[0].GetProperty("value").GetProperty("messages")[0].GetProperty("from").GetString()!;
        if (records is not null)
        {
            await records.WriteAsync(from, await records.ReadAsync(from));
        }

        await contacts.Writer.WriteAsync(from);
        return TypedResults.Ok();
    }

    private async Task SendAsync(Uri url)
    {
        await foreach (var to in contacts.Reader.ReadAllAsync())
        {
            foreach (var text in texts)
            {
                await PostAsync(url, to, text);
            }

            if (records is not null)
            {
                try
                {
                    await records.WriteAsync(to, version: null);
                }
                catch (NpgsqlException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }
    }

    private async Task PostAsync(Uri url, string to, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(Prompt(to, text)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "relay");
        try
        {
            using var response = await client.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failed);
            }
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref failed);
        }
    }

    /// <summary>A text message as the node posts it.</summary>
    private static byte[] Prompt(string to, string text)
    {
        var body = new ArrayBufferWriter<byte>(192);
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("messaging_product", "whatsapp");
            json.WriteString("recipient_type", "individual");
            json.WriteString("to", to);
            json.WriteString("type", "text");
            json.WriteStartObject("text");
            json.WriteBoolean("preview_url", false);
            json.WriteString("body", text);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return body.WrittenSpan.ToArray();
    }
}

/// <summary>
/// The relay's contact rows on PostgreSQL, in a table of the harness's own: one statement per read or write, a
/// payload of pgbench's row size, and the version check of an optimistic write, as the node's grain storage has.
/// </summary>
internal sealed class RelayRecords(NpgsqlDataSource database) : IAsyncDisposable
{
    private const string Table = "truora_bench_relay";
    private static readonly byte[] Payload = new byte[400];

    /// <summary>The table made; the connection string gets the node's Npgsql defaults where it sets none.</summary>
    public static async Task<RelayRecords> OpenAsync(string connectionString, CancellationToken cancel)
    {
        var database = NpgsqlDataSource.Create(PostgresDefaults.Apply(connectionString));
        await using var create = database.CreateCommand($"CREATE TABLE IF NOT EXISTS {Table} (id text PRIMARY KEY, payload bytea NOT NULL, version integer NOT NULL)");
        await create.ExecuteNonQueryAsync(cancel);
        return new RelayRecords(database);
    }

    /// <summary>The row's version, or null when there is none.</summary>
    public async Task<int?> ReadAsync(string id)
    {
        await using var read = database.CreateCommand($"SELECT payload, version FROM {Table} WHERE id = $1");
        read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        await using var row = await read.ExecuteReaderAsync();
        return await row.ReadAsync() ? row.GetInt32(1) : null;
    }

    /// <summary>Inserts the row, or updates it when it is at <paramref name="version"/> (any version when null).</summary>
    public async Task WriteAsync(string id, int? version)
    {
        await using var write = database.CreateCommand(
            $"INSERT INTO {Table} AS t (id, payload, version) VALUES ($1, $2, 1) ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload, version = t.version + 1 WHERE $3::integer IS NULL OR t.version = $3");
        write.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        write.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = Payload });
        write.Parameters.Add(new NpgsqlParameter { Value = (object?)version ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        await write.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();
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
