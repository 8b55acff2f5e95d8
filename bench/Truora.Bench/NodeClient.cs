using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Truora.Bench;

/// <summary>The node's HTTP API, as far as the harness uses it. Setup calls throw on an unexpected status.</summary>
internal sealed class NodeClient(HttpClient http, Uri node)
{
    public Uri Url(string path) => new(node, path);

    /// <summary>Polls <c>/health/ready</c> until it answers 200, for at most <paramref name="patience"/>.</summary>
    public async Task WaitReadyAsync(TimeSpan patience, CancellationToken cancel)
    {
        var until = DateTime.UtcNow + patience;
        string last = "no answer";
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var response = await http.GetAsync(Url("/health/ready"), cancel);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(250, cancel);
        }

        throw new InvalidOperationException($"{node} is not ready after {patience.TotalSeconds:0} s ({last}).");
    }

    public async Task<string> CreateTenantAsync(string operatorKey, string id, CancellationToken cancel)
    {
        var body = await SendAsync(HttpMethod.Post, "/v1/tenants", operatorKey, new { id, name = "Bench " + id, timeZone = "UTC" }, cancel);
        return body.GetProperty("adminKey").GetString()!;
    }

    public async Task<string> CreateAgentAsync(string adminKey, string id, CancellationToken cancel)
    {
        var body = await SendAsync(HttpMethod.Post, "/v1/members", adminKey, new { id, name = "Agent " + id, email = id + "@bench.invalid", role = "agent_role" }, cancel);
        var key = body.GetProperty("apiKey").GetString()!;

        // New members start unavailable; they have no capacity limit unless one is set.
        await SendAsync(HttpMethod.Put, "/v1/me/status", key, new { status = "available" }, cancel);
        return key;
    }

    public Task CreateGroupAsync(string adminKey, string id, IEnumerable<string> memberIds, CancellationToken cancel) =>
        SendAsync(HttpMethod.Post, "/v1/groups", adminKey, new { id, name = "Bench agents", memberIds }, cancel);

    /// <summary>message → question → connect_agent (available rotation of <paramref name="groupId"/>) → a final message.</summary>
    /// <summary>The bench flow's first prompt; its second is the question.</summary>
    public const string Welcome = "Welcome to the bench.";

    public Task PutFlowAsync(string adminKey, string id, string groupId, string question, CancellationToken cancel) =>
        SendAsync(HttpMethod.Put, "/v1/flows/" + id, adminKey, new
        {
            name = "Bench hand-off",
            // The longest the API allows: no conversation of the run may expire while a phase still uses it.
            expiresAfter = "PT24H",
            start = "welcome",
            blocks = new object[]
            {
                new { id = "welcome", type = "message", text = Welcome, next = "ask" },
                new { id = "ask", type = "question", text = question, variable = "document", next = "human" },
                new { id = "human", type = "connect_agent", crm = "truora_conversations", assign = new { mode = "available", groupId }, next = "done" },
                new { id = "done", type = "message", text = "Thanks, your process continues.", next = (string?)null },
            },
        }, cancel);

    public Task PutChannelAsync(string adminKey, Uri graph, string appSecret, string flowId, CancellationToken cancel) =>
        SendAsync(HttpMethod.Put, "/v1/channels/whatsapp", adminKey, new
        {
            phoneNumberId = Webhooks.PhoneNumberId,
            accessToken = "bench-access-token",
            appSecret,
            verifyToken = "bench-verify-token",
            graphApiBaseUrl = graph.ToString().TrimEnd('/'),
            defaultFlowId = flowId,
            finishMessage = "Bench over.",
        }, cancel);

    /// <summary>The contact's phone of conversation <paramref name="id"/>.</summary>
    public async Task<string> ConversationPhoneAsync(string key, string id, CancellationToken cancel)
    {
        var body = await SendAsync(HttpMethod.Get, "/v1/conversations/" + id, key, null, cancel);
        return body.GetProperty("contact").GetProperty("phone").GetString()!;
    }

    /// <summary>Conversation <paramref name="id"/>'s status, expiry and how many <c>user</c> entries its history holds.</summary>
    public async Task<(string Status, DateTimeOffset ExpiresAt, int UserMessages)> ConversationHistoryAsync(string key, string id, CancellationToken cancel)
    {
        var body = await SendAsync(HttpMethod.Get, "/v1/conversations/" + id, key, null, cancel);
        var users = 0;
        foreach (var entry in body.GetProperty("history").EnumerateArray())
        {
            if (entry.GetProperty("from").ValueEquals("user"))
            {
                users++;
            }
        }

        return (body.GetProperty("status").GetString()!, body.GetProperty("expiresAt").GetDateTimeOffset(), users);
    }

    /// <summary>
    /// The node's garbage collections so far, from its Prometheus endpoint (which takes the operator key); null when
    /// it exports none.
    /// </summary>
    public async Task<GcSnapshot?> GcAsync(string operatorKey, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/metrics"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);
        using var response = await http.SendAsync(request, cancel);
        return response.IsSuccessStatusCode ? GcSnapshot.Parse(await response.Content.ReadAsStringAsync(cancel)) : null;
    }

    /// <summary>A load request: the caller checks the status (and disposes the response).</summary>
    public async Task<HttpResponseMessage> AgentMessageAsync(string agentKey, string conversationId, string text, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url($"/v1/conversations/{conversationId}/messages"))
        {
            Content = JsonContent.Create(new { text }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agentKey);
        return await http.SendAsync(request, cancel);
    }

    /// <summary>
    /// Set-up and read-back calls. The node limits each key's rate (<c>Truora__RateLimit__PermitsPerSecond</c>), and the
    /// read-back after a phase asks for a thousand conversations with one admin key: a 429 is waited out as its
    /// <c>Retry-After</c> says, as a well-behaved client does; it is no error of the phase measured.
    /// </summary>
    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string key, object? body, CancellationToken cancel)
    {
        HttpResponseMessage response;
        while (true)
        {
            using var request = new HttpRequestMessage(method, Url(path)) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            response = await http.SendAsync(request, cancel);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                break;
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait, cancel);
        }

        using var answered = response;
        var text = await response.Content.ReadAsStringAsync(cancel);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        }

        if (text.Length == 0)
        {
            return default;
        }

        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }
}
