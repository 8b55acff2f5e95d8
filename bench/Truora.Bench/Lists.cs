using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;

namespace Truora.Bench;

/// <summary>
/// Phase 5 (PostgreSQL mode): the admins' list at scale. The run's tenant gets <c>count</c> conversation rows put
/// straight into <c>truora_conversations</c> (no grain needs them: the list reads the rows alone), all opened within
/// the <c>view=all</c> window, then the list is read one request at a time: first pages, and a walk down the pages.
/// </summary>
internal static class Lists
{
    private const int PageSize = 50;

    public static async Task<List<PhaseResult>> RunAsync(
        HttpClient http, Uri node, string database, string tenant, string adminKey, string agentKey, int count, int requests, CancellationToken cancel)
    {
        await SeedAsync(database, tenant, count, cancel);
        return
        [
            await TimeAsync(http, node, adminKey, $"list all, first page ({count:N0})", "/v1/conversations?view=all&limit=50", follow: false, requests, cancel),
            await TimeAsync(http, node, adminKey, "list all, next pages", "/v1/conversations?view=all&limit=50", follow: true, requests, cancel),
            await TimeAsync(http, node, adminKey, "list all, status=waiting", "/v1/conversations?view=all&status=waiting&limit=50", follow: false, requests, cancel),
            await TimeAsync(http, node, agentKey, "list mine (an agent)", "/v1/conversations?view=mine&limit=50", follow: false, requests, cancel),
        ];
    }

    /// <summary>
    /// Rows spread over the last six days, each status a quarter, a quarter owned by agent-0…3; one statement.
    /// </summary>
    private static async Task SeedAsync(string database, string tenant, int count, CancellationToken cancel)
    {
        await using var source = NpgsqlDataSource.Create(database);
        await using var command = source.CreateCommand("""
            INSERT INTO truora_conversations (tenant_id, conversation_id, contact_phone, contact_name, status, owner_id, group_id,
                opened_at, expires_at, last_message_at, closed_reason, closed_at, last_user_message_at, owned_since)
            SELECT $1, 'list-' || lpad(i::text, 7, '0'), '5730' || lpad(i::text, 8, '0'), 'User ' || i, (i % 4)::smallint,
                   CASE WHEN i % 4 = 1 THEN 'agent-' || (i / 4 % 4) END, 'bench-agents',
                   now() - (i % 144) * interval '1 hour', now() - (i % 144) * interval '1 hour' + interval '1 day',
                   now() - (i % 144) * interval '1 hour' + (i % 3600) * interval '1 second',
                   CASE WHEN i % 4 = 2 THEN 1::smallint END, CASE WHEN i % 4 >= 2 THEN now() END, now(),
                   CASE WHEN i % 4 = 1 THEN now() END
            FROM generate_series(1, $2) AS i
            ON CONFLICT DO NOTHING
            """);
        command.CommandTimeout = 300;
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = count });
        await command.ExecuteNonQueryAsync(cancel);
        await using var analyze = source.CreateCommand("ANALYZE truora_conversations");
        await analyze.ExecuteNonQueryAsync(cancel);
    }

    private static async Task<PhaseResult> TimeAsync(
        HttpClient http, Uri node, string key, string name, string path, bool follow, int requests, CancellationToken cancel)
    {
        var samples = new List<long>(requests);
        var errors = 0;
        string? cursor = null;
        var window = Stopwatch.StartNew();
        while (samples.Count + errors < requests)
        {
            var url = new Uri(node, cursor is null ? path : path + "&cursor=" + Uri.EscapeDataString(cursor));
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, cancel);
            var body = await response.Content.ReadAsStringAsync(cancel);
            var elapsed = Stopwatch.GetTimestamp() - started;
            if (response.StatusCode is HttpStatusCode.TooManyRequests)
            {
                // The key's rate limit, not the list: wait it out and ask again, uncounted.
                await Task.Delay(TimeSpan.FromSeconds(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 1), cancel);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                errors++;
                continue;
            }

            samples.Add(elapsed);
            if (follow)
            {
                using var page = JsonDocument.Parse(body);
                cursor = page.RootElement.TryGetProperty("nextCursor", out var next) && next.ValueKind is JsonValueKind.String ? next.GetString() : null;
            }
        }

        return PhaseResult.FromSamples(name, samples.Count, errors, window.Elapsed.TotalSeconds, samples,
            string.Create(CultureInfo.InvariantCulture, $"{PageSize} a page, one request at a time"));
    }
}
