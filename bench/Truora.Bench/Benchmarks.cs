using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;

namespace Truora.Bench;

/// <summary>The two commands: the echo ceiling alone, and the full run against a node.</summary>
internal sealed class Benchmarks(BenchOptions options, HttpClient http, CancellationToken cancel)
{
    private const string Question = "Your document number? (bench)";
    private const int MaxEcho = 100_000_000;

    /// <summary>Distinct first messages written for wrk per second of the ingest warm-up: far above what a node ingests.</summary>
    private const int WrkWarmupFirstMessagesPerSecond = 20_000;

    /// <summary>One wrk thread per core: it shares them with the node.</summary>
    private static readonly int WrkThreads = Environment.ProcessorCount;

    /// <summary>A history conversation stops sending after this many errors (its count of messages is then in doubt anyway).</summary>
    private const int HistoryMaxFailures = 5;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Only the request shape matters to the echo; the secret is the run's own.</summary>
    private readonly Webhooks echoHooks = new(RandomNumberGenerator.GetHexString(32, lowercase: true));

    private readonly ErrorLog answerErrors = new();
    private readonly ErrorLog handoffErrors = new();
    private readonly ErrorLog replyErrors = new();
    private readonly ErrorLog historyErrors = new();
    private int lateSends;
    private string? gcLine;

    /// <summary>The <c>echo</c> command: the ceilings alone. Exits 1 when a ceiling had no success or anything failed.</summary>
    public async Task<int> EchoAsync()
    {
        var report = new Report("Truora.Bench echo", $"bare Kestrel minimal-API JSON echo and relay in-process, load from {LoadGenerator}, {options.Connections} connections, {Seconds(options.Seconds)} (+{Seconds(options.Warmup)} warm-up)");
        var (echo, relay, pgbench, relayOnDatabase, healthy) = await CeilingsAsync(report);
        report.Lines.Add(RelayLine(echo, relay));
        if (pgbench is not null && relayOnDatabase is not null)
        {
            report.Lines.Add(RelayOnDatabaseLine(pgbench, relayOnDatabase));
        }

        return Publish(report, healthy && report.Phases.All(phase => phase.Ok > 0));
    }

    /// <summary>
    /// The echo and the relay; in PostgreSQL mode also pgbench and the relay on the database, after the echo so the
    /// database's own rate is taken while nothing else runs. Their phases and errors go into <paramref name="report"/>.
    /// </summary>
    private async Task<(PhaseResult Echo, PhaseResult Relay, PgBenchResult? PgBench, PhaseResult? RelayOnDatabase, bool Healthy)> CeilingsAsync(Report report)
    {
        async Task<(PhaseResult Phase, bool Healthy)> CeilingAsync(string name, Func<ErrorLog, Task<PhaseResult>> measure)
        {
            Console.WriteLine($"{name}…");
            var errors = new ErrorLog();
            var phase = await measure(errors);
            report.Phases.Add(phase);
            return (phase, AddErrors(report, name, errors));
        }

        var (echo, echoHealthy) = await CeilingAsync("Echo ceiling", EchoCeilingAsync);
        var (relay, relayHealthy) = await CeilingAsync("Relay ceiling", errors => RelayCeilingAsync(errors, database: null));
        if (options.PgBenchConnection is not { } database)
        {
            return (echo, relay, null, null, echoHealthy && relayHealthy);
        }

        Console.WriteLine($"pgbench: single-row upsert, {options.PgBenchClients} clients, {Seconds(options.Seconds)}…");
        var pgbench = await PgBench.RunAsync(database, options.PgBenchPath, options.PgBenchClients, options.Seconds, cancel);
        report.Lines.Add($"pgbench single-row upsert on the node's database: {Report.Number(pgbench.Tps, "0")} tps ({pgbench.Clients} clients, {Seconds(pgbench.Seconds)}, average latency {Report.Number(pgbench.AverageLatencyMs, "0.00")} ms).");
        var (relayOnDatabase, databaseHealthy) = await CeilingAsync("Relay on PostgreSQL", errors => RelayCeilingAsync(errors, database));
        return (echo, relay, pgbench, relayOnDatabase, echoHealthy && relayHealthy && databaseHealthy);
    }

    /// <summary>The <c>run</c> command. Exits 1 in smoke mode when a phase had no success or anything failed.</summary>
    public async Task<int> RunAsync()
    {
        var runTag = RandomNumberGenerator.GetHexString(8, lowercase: true);
        var tenant = "bench-" + runTag;
        var appSecret = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var node = new NodeClient(http, options.Node);
        var hooks = new Webhooks(appSecret);
        var webhookUrl = node.Url("/v1/webhooks/whatsapp/" + tenant);

        // Set-up: a fresh tenant wired as the issue asks. Nothing here is timed.
        Console.WriteLine($"Waiting for {options.Node} to be ready…");
        await node.WaitReadyAsync(TimeSpan.FromSeconds(60), cancel);
        await using var graph = await GraphStandIn.StartAsync(Question, cancel);
        var adminKey = await node.CreateTenantAsync(options.OperatorKey!, tenant, cancel);
        var agentIds = Enumerable.Range(0, options.Agents).Select(i => "agent-" + i.ToString(Invariant)).ToArray();
        var agentKeys = new string[agentIds.Length];
        for (var i = 0; i < agentIds.Length; i++)
        {
            agentKeys[i] = await node.CreateAgentAsync(adminKey, agentIds[i], cancel);
        }

        await node.CreateGroupAsync(adminKey, "bench-agents", agentIds, cancel);
        await node.PutFlowAsync(adminKey, "bench", "bench-agents", Question, cancel);
        await node.PutChannelAsync(adminKey, graph.BaseUrl, appSecret, "bench", cancel);
        using var streamClient = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        await using var streams = await AgentStreams.OpenAsync(streamClient, node.Url("/v1/me/events"), agentKeys, TimeSpan.FromSeconds(30), cancel);
        Console.WriteLine($"Tenant {tenant}: {options.Agents} available agents, flow 'bench', Graph API stand-in at {graph.BaseUrl.ToString().TrimEnd('/')}, {options.Agents} event streams open.");

        var report = new Report(
            "Truora.Bench run" + (options.Smoke ? " (smoke)" : ""),
            $"node {options.Node.ToString().TrimEnd('/')}, echo and ingest load from {LoadGenerator}, {options.Connections} connections, {options.Agents} agents, ingest {Seconds(options.Seconds)} (+{Seconds(options.Warmup)} warm-up), {options.Contacts} hand-off contacts");
        var patience = options.Smoke ? 20 : Math.Max(30, options.Seconds * 3);
        var healthy = true;

        // The ceilings first, while the node is idle; same request (body size, signature header), same connections.
        var (echo, relay, pgbench, relayOnDatabase, ceilingsHealthy) = await CeilingsAsync(report);
        healthy &= ceilingsHealthy;

        // Phase 1, ingest: closed loop, every call a new contact's first message, which starts its flow.
        Console.WriteLine("Phase 1: ingest…");
        var ingestErrors = new ErrorLog();
        var ingested = new bool[2 * options.MaxIngest];
        var ingestWatch = Stopwatch.StartNew();
        var (ingest, ingestedCount) = options.WrkPath is { } wrk
            ? await IngestWithWrkAsync(wrk, hooks, webhookUrl, runTag, ingested, ingestErrors)
            : await IngestAsync(hooks, webhookUrl, runTag, ingested, ingestErrors);
        report.Phases.Add(ingest);
        healthy &= AddErrors(report, "ingest", ingestErrors);

        // Every flow posts two prompts. Let the node's outbox drain before the latency phases, or its backlog would
        // be measured as hand-off and reply latency; the drain itself is the outbound throughput. (wrk's last
        // requests in flight may have reached the node too: the wait ends once the posts stop coming.)
        var drained = await UntilAsync(() => graph.Questioned.Count >= ingestedCount, patience);
        await QuietAsync(() => graph.Posts, TimeSpan.FromMilliseconds(500), patience);
        var drainSeconds = ingestWatch.Elapsed.TotalSeconds;
        report.Lines.Add(drained
            ? $"Flow prompts: {graph.Posts} Graph API posts for {graph.Questioned.Count} flows, all questions out {Seconds(drainSeconds)} after ingest began ({Report.Number(graph.Posts / drainSeconds, "0")} posts/s)."
            : $"Flow prompts: only {graph.Questioned.Count} of {ingestedCount} questions reached the Graph API stand-in within {Seconds(patience)} of the end of ingest.");
        healthy &= drained;

        var questioned = Enumerable.Range(0, ingested.Length)
            .Where(i => ingested[i] && graph.Questioned.ContainsKey(Webhooks.Phone(i)))
            .ToArray();
        var contacts = questioned.Take(options.Contacts).ToArray();

        // Phase 2a, hand-off saturation: closed loop, each call a different contact's answer, whose 200 comes once
        // the conversation is opened and routed. Its rate is the saturating hand-off rate the paced phase halves.
        var spare = questioned.Skip(contacts.Length).ToArray();
        PhaseResult? saturation = null;
        if (spare.Length >= options.Connections * 4)
        {
            Console.WriteLine($"Phase 2a: hand-off saturation, up to {spare.Length} contacts…");
            var saturationErrors = new ErrorLog();
            saturation = await Load.ClosedLoopAsync("hand-off saturation (answer → 200)", options.Connections, options.Warmup, options.Seconds, spare.Length / 2,
                async (i, token) =>
                {
                    using var request = hooks.TextMessage(webhookUrl, Webhooks.Phone(spare[i]), $"wamid.bench-{runTag}-{spare[i]}-2", "1020304050");
                    return await SendAsync(request, HttpStatusCode.OK, saturationErrors, token);
                },
                cancel);
            report.Phases.Add(saturation);
            healthy &= AddErrors(report, "hand-off saturation", saturationErrors);
            // Its conversations' events and index writes drain before the paced phase is timed.
            await Task.Delay(TimeSpan.FromSeconds(options.Smoke ? 0.5 : 3), cancel);
        }

        // Phase 2b, hand-off latency: contacts answer the question at a fixed rate (open loop), half the saturating
        // hand-off rate (half the ingest rate when too few contacts were left to saturate) unless --rate says otherwise.
        var rate = options.Rate ?? Math.Max(1, Math.Floor((saturation?.Rate ?? ingest.Rate) / 2));
        Console.WriteLine($"Phase 2b: hand-off, {contacts.Length} contacts at {Report.Number(rate, "0")}/s…");
        var (handoff, answers, conversations) = await HandOffAsync(node, hooks, webhookUrl, runTag, adminKey, streams, contacts, rate, patience);
        report.Phases.Add(answers);
        report.Phases.Add(handoff);
        healthy &= AddErrors(report, "answer webhook", answerErrors);
        healthy &= AddErrors(report, "hand-off", handoffErrors);
        healthy &= AddErrors(report, "event streams", streams.Errors);

        // Phase 3, agent reply: each conversation's owner answers once, at the same rate.
        Console.WriteLine($"Phase 3: agent replies, {conversations.Count} conversations at {Report.Number(rate, "0")}/s…");
        var (replyPosts, replies) = await AgentRepliesAsync(node, graph, runTag, agentKeys, conversations, rate, patience);
        report.Phases.Add(replyPosts);
        report.Phases.Add(replies);
        healthy &= AddErrors(report, "agent reply", replyErrors);

        var ratio = echo.Rate > 0 ? ingest.Rate / echo.Rate : double.NaN;
        report.Lines.Add($"Ingest / echo ceiling: {Report.Number(ratio * 100, "0.0")}% (issue 12's target, ≥ 30% in memory mode).");
        report.Lines.Add(RelayLine(echo, relay));
        report.Lines.Add($"Ingest / relay ceiling: {Report.Number(ingest.Rate / relay.Rate * 100, "0.0")}%: the share of a first message's bare HTTP rate left after the node's own work (issue 27's target, ≥ 70% in memory mode).");
        if (pgbench is not null)
        {
            report.Lines.Add($"Ingest / pgbench upsert: {Report.Number(ingest.Rate / pgbench.Tps * 100, "0.0")}% (issue 27's target, ≥ 20% in PostgreSQL mode).");
            if (relayOnDatabase is not null)
            {
                report.Lines.Add($"{RelayOnDatabaseLine(pgbench, relayOnDatabase)} Ingest / relay on PostgreSQL: {Report.Number(ingest.Rate / relayOnDatabase.Rate * 100, "0.0")}%.");
            }
        }

        if (gcLine is not null)
        {
            report.Lines.Add(gcLine);
        }

        report.Lines.Add($"Hand-off p99 at {Report.Number(rate, "0")}/s ({(options.Rate is null ? saturation is null ? "half the ingest rate" : "half the saturating hand-off rate" : "--rate")}): {Report.Ms(handoff.P99)} ms (issue 27's target, ≤ 20 ms at a quarter of the saturating rate: --rate).");

        // Phase 4, history: the cost of one more user message as a handed-off conversation grows (issues 6 and 12).
        var historyTarget = options.Smoke ? 60 : 1000;
        int[] historyMarks = options.Smoke ? [10, 50] : [10, 100, 1000];
        var historyCap = options.Smoke ? 15 : 120;
        var historyConversations = conversations.Take(Math.Min(options.Smoke ? 2 : 20, options.Connections)).ToList();
        if (historyConversations.Count == 0)
        {
            report.Lines.Add("History: skipped, no conversation was handed off.");
            healthy = false;
        }
        else
        {
            Console.WriteLine($"Phase 4: history, {historyConversations.Count} conversations up to {historyTarget} user messages each (cap {Seconds(historyCap)})…");
            var (historyRows, historyComplete) = await HistoryAsync(node, hooks, webhookUrl, runTag, adminKey, historyConversations, historyTarget, historyMarks, historyCap, report);
            report.Phases.AddRange(historyRows);
            healthy &= historyComplete;
            healthy &= AddErrors(report, "history", historyErrors);
        }

        // Phase 5, lists at scale (PostgreSQL mode): the admins' list with 100,000 conversations in its window.
        if (options.PgBenchConnection is { } database)
        {
            var listed = options.Smoke ? 2_000 : 100_000;
            Console.WriteLine($"Phase 5: lists, {listed:N0} conversations in the window…");
            var listRows = await Lists.RunAsync(http, options.Node, database, tenant, adminKey, agentKeys[0], listed, options.Smoke ? 20 : 200, cancel);
            report.Phases.AddRange(listRows);
            report.Lines.Add($"List p50, first page of view=all at {listed:N0} conversations: {Report.Ms(listRows[0].P50)} ms (target ≤ 20 ms); next pages {Report.Ms(listRows[1].P50)} ms.");
        }

        if (lateSends > 0)
        {
            report.Lines.Add($"{lateSends} paced requests waited for a free in-flight slot (--connections) and left more than 1 ms late; their latency counts from when they were due.");
        }

        var phasesSucceeded = report.Phases.All(phase => phase.Ok > 0);
        return Publish(report, !options.Smoke || (healthy && phasesSucceeded));
    }

    /// <summary>
    /// Each contact answers the question; the latency runs from the answer's due time to the moment the agent's
    /// event stream delivers the matching <c>conversation.assigned</c>.
    /// <para>
    /// Matching an event to its contact: the event names only the conversation (a server-made id) and the agent,
    /// not the contact, and hand-offs of concurrent contacts complete in any order, so neither the event's order
    /// nor its agent (the rotation's cursor is shared with whatever else the group does) identifies the contact.
    /// So each event is timestamped the instant its line is read (<see cref="AgentStreams"/>) and only afterwards,
    /// once the paced window is over, joined to its contact with one <c>GET /v1/conversations/{id}</c>, whose
    /// <c>contact.phone</c> is unique per contact in this run. The look-ups happen outside the timed window, so
    /// they neither delay an event nor load the node while it is measured. The same join tells phase 3 which
    /// agent owns which conversation.
    /// </para>
    /// </summary>
    private async Task<(PhaseResult HandOff, PhaseResult Answers, List<(string Id, int Agent, int Contact)> Conversations)> HandOffAsync(
        NodeClient node, Webhooks hooks, Uri webhookUrl, string runTag, string adminKey, AgentStreams streams,
        int[] contacts, double rate, double patience)
    {
        streams.Drain();
        var nodeGcBefore = await node.GcAsync(options.OperatorKey!, cancel);
        var harnessGcBefore = GcSnapshot.OfThisProcess();
        var gcWatch = Stopwatch.StartNew();
        var due = new long[contacts.Length];
        var accepted = new bool[contacts.Length];
        var answerLatency = new long[contacts.Length];
        var (dispatched, seconds, late) = await Load.PacedAsync(contacts.Length, rate, options.Connections, options.Seconds,
            async (k, startedAt, token) =>
            {
                due[k] = startedAt;
                var phone = Webhooks.Phone(contacts[k]);
                using var request = hooks.TextMessage(webhookUrl, phone, $"wamid.bench-{runTag}-{contacts[k]}-2", "1020304050");
                accepted[k] = await SendAsync(request, HttpStatusCode.OK, answerErrors, token);
                answerLatency[k] = Stopwatch.GetTimestamp() - startedAt;
            },
            cancel);
        lateSends += late;
        var acceptedCount = accepted.Count(ok => ok);
        // The count may include a late event of the saturation phase, so once it is reached, wait for the streams to
        // go quiet too: an answer's event still on its way would otherwise be reported lost.
        await UntilAsync(() => streams.AssignedCount >= acceptedCount, patience);
        var gcSeconds = gcWatch.Elapsed.TotalSeconds;
        var harnessGc = GcSnapshot.OfThisProcess() - harnessGcBefore;
        var nodeGc = await node.GcAsync(options.OperatorKey!, cancel) - nodeGcBefore;
        await QuietAsync(() => streams.AssignedCount, TimeSpan.FromMilliseconds(500), patience);
        var events = streams.Drain();

        // The join, after the window (see above).
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < dispatched; k++)
        {
            indexOf[Webhooks.Phone(contacts[k])] = k;
        }

        var firstEvents = events.GroupBy(e => e.ConversationId).Select(g => g.MinBy(e => e.At)).ToArray();
        var phones = new string?[firstEvents.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, firstEvents.Length), new ParallelOptions { MaxDegreeOfParallelism = Math.Min(options.Connections, 16), CancellationToken = cancel },
            async (e, token) =>
            {
                try
                {
                    phones[e] = await node.ConversationPhoneAsync(adminKey, firstEvents[e].ConversationId, token);
                }
                catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException && !token.IsCancellationRequested)
                {
                    handoffErrors.Add($"GET /v1/conversations/{firstEvents[e].ConversationId}: {ex.Message}");
                }
            });

        var latencies = new List<long>(firstEvents.Length);
        var conversations = new List<(string Id, int Agent, int Contact)>(firstEvents.Length);
        var matched = new bool[contacts.Length];
        for (var e = 0; e < firstEvents.Length; e++)
        {
            if (phones[e] is { } phone && indexOf.TryGetValue(phone, out var k) && accepted[k] && !matched[k])
            {
                matched[k] = true;
                latencies.Add(firstEvents[e].At - due[k]);
                conversations.Add((firstEvents[e].ConversationId, firstEvents[e].Agent, contacts[k]));
            }
        }

        var lost = acceptedCount - conversations.Count;
        if (lost > 0)
        {
            handoffErrors.Add($"{lost} accepted answers got no conversation.assigned event within {Seconds(patience)}");
        }

        gcLine = nodeGc is { } paused
            ? $"GC during the paced hand-off ({Seconds(gcSeconds)}, until its last event): the node {paused.Describe()}, {Report.Number(paused.PausedSeconds / gcSeconds * 100, "0.0")}% of the window; the harness {harnessGc.Describe()}. "
              + "A pause holds every hand-off that arrives during it, so while the node's pauses cover more than 1% of the window the p99 cannot be much shorter than a pause (and the backlog a pause leaves lengthens it)."
            : $"GC during the paced hand-off: the node exports no dotnet_gc_pause_time_seconds_total at /metrics; the harness {harnessGc.Describe()}.";
        var answerSamples = Enumerable.Range(0, dispatched).Where(k => accepted[k]).Select(k => answerLatency[k]);
        return (
            PhaseResult.FromSamples("hand-off (answer → assigned)", conversations.Count, Math.Max(lost, 0), seconds, latencies),
            PhaseResult.FromSamples("answer webhook", acceptedCount, dispatched - acceptedCount, seconds, answerSamples),
            conversations);
    }

    /// <summary>
    /// Each conversation's owner posts one reply with a unique text; the latency runs from the POST's due time to the
    /// moment the Graph API stand-in has read that text.
    /// </summary>
    private async Task<(PhaseResult Posts, PhaseResult Delivered)> AgentRepliesAsync(
        NodeClient node, GraphStandIn graph, string runTag, string[] agentKeys, List<(string Id, int Agent, int Contact)> conversations, double rate, double patience)
    {
        var due = new long[conversations.Count];
        var accepted = new bool[conversations.Count];
        var postLatency = new long[conversations.Count];
        string Text(int k) => $"{GraphStandIn.ReplyPrefix}{runTag}-{k.ToString(Invariant)}";
        var (dispatched, seconds, late) = await Load.PacedAsync(conversations.Count, rate, options.Connections, options.Seconds,
            async (k, startedAt, token) =>
            {
                due[k] = startedAt;
                var (id, agent, _) = conversations[k];
                try
                {
                    using var response = await node.AgentMessageAsync(agentKeys[agent], id, Text(k), token);
                    accepted[k] = response.StatusCode == HttpStatusCode.Accepted;
                    if (!accepted[k])
                    {
                        replyErrors.Add($"POST /v1/conversations/{id}/messages answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(token)}");
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !token.IsCancellationRequested)
                {
                    replyErrors.Add($"POST /v1/conversations/{id}/messages: {ex.Message}");
                }

                postLatency[k] = Stopwatch.GetTimestamp() - startedAt;
            },
            cancel);
        lateSends += late;
        var acceptedCount = accepted.Count(ok => ok);
        await UntilAsync(() => graph.Replies.Count >= acceptedCount, patience);

        var latencies = new List<long>(acceptedCount);
        for (var k = 0; k < dispatched; k++)
        {
            if (accepted[k] && graph.Replies.TryGetValue(Text(k), out var seen))
            {
                latencies.Add(seen - due[k]);
            }
        }

        var lost = acceptedCount - latencies.Count;
        if (lost > 0)
        {
            replyErrors.Add($"{lost} accepted replies did not reach the Graph API stand-in within {Seconds(patience)}");
        }

        var postSamples = Enumerable.Range(0, dispatched).Where(k => accepted[k]).Select(k => postLatency[k]);
        return (
            PhaseResult.FromSamples("agent reply POST (202)", acceptedCount, dispatched - acceptedCount, seconds, postSamples),
            PhaseResult.FromSamples("agent reply → Graph POST", latencies.Count, lost, seconds, latencies));
    }

    /// <summary>
    /// The cost of appending to a long history. Each picked conversation's contact sends user messages one after
    /// another (signed webhooks, each a new message id), the conversations in parallel, until the conversation's
    /// history holds <paramref name="target"/> user messages, a conversation has had <see cref="HistoryMaxFailures"/>
    /// errors, or <paramref name="capSeconds"/> pass. Message n (the n-th <c>user</c> entry of that history, the flow
    /// transcript's counted) is timed from its POST to its 200. Each mark's row holds the latencies of the ten messages
    /// n = mark − 4 … mark + 5 (shifted down to end at the target when it would pass it) of every conversation.
    /// Before and after (untimed) each history is read back: the starting count, that nothing can expire meanwhile,
    /// and that it holds exactly the messages that got their 200.
    /// </summary>
    private async Task<(List<PhaseResult> Rows, bool Complete)> HistoryAsync(
        NodeClient node, Webhooks hooks, Uri webhookUrl, string runTag, string adminKey,
        List<(string Id, int Agent, int Contact)> picked, int target, int[] marks, double capSeconds, Report report)
    {
        var first = new int[picked.Count]; // the n of each conversation's first message here; 0 when it is not usable
        var mustLastUntil = DateTimeOffset.UtcNow.AddSeconds(capSeconds + 60);
        for (var c = 0; c < picked.Count; c++)
        {
            var id = picked[c].Id;
            try
            {
                var (status, expiresAt, users) = await node.ConversationHistoryAsync(adminKey, id, cancel);
                if (status is not ("assigned" or "waiting"))
                {
                    historyErrors.Add($"conversation {id} is {status}, not open, before the history phase");
                }
                else if (expiresAt < mustLastUntil)
                {
                    historyErrors.Add($"conversation {id} expires at {expiresAt.ToString("O", Invariant)}, before the history phase can end");
                }
                else
                {
                    first[c] = users + 1;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or KeyNotFoundException or FormatException or TaskCanceledException && !cancel.IsCancellationRequested)
            {
                historyErrors.Add($"GET /v1/conversations/{id}: {ex.Message}");
            }
        }

        var usable = Enumerable.Range(0, picked.Count).Where(c => first[c] > 0).ToArray();
        var latency = picked.Select(_ => new long[target + 1]).ToArray(); // by n; 0 = no 200
        var failed = picked.Select(_ => new int[target + 1]).ToArray(); // errors by the n the message was to be
        var reached = first.Select(n => Math.Max(n - 1, 0)).ToArray(); // the last n that got its 200
        var lastDone = new long[picked.Count];
        var start = Stopwatch.GetTimestamp();
        var deadline = start + Latencies.Ticks(capSeconds);
        await Task.WhenAll(usable.Select(c => Task.Run(() => AppendAsync(c), cancel)));

        async Task AppendAsync(int c)
        {
            var contact = picked[c].Contact;
            var phone = Webhooks.Phone(contact);
            var failures = 0;
            for (int n = first[c], sent = 0; n <= target && failures < HistoryMaxFailures && Stopwatch.GetTimestamp() < deadline; sent++)
            {
                using var request = hooks.TextMessage(webhookUrl, phone, $"wamid.bench-{runTag}-{contact}-h{sent.ToString(Invariant)}",
                    $"History message {n.ToString(Invariant)} of {target.ToString(Invariant)} (bench {runTag}).");
                var started = Stopwatch.GetTimestamp();
                var ok = await SendAsync(request, HttpStatusCode.OK, historyErrors, cancel);
                var done = Stopwatch.GetTimestamp();
                lastDone[c] = done;
                if (ok)
                {
                    latency[c][n] = Math.Max(done - started, 1);
                    reached[c] = n++;
                }
                else
                {
                    failed[c][n]++;
                    failures++;
                }
            }
        }

        var seconds = Math.Max(usable.Select(c => lastDone[c]).DefaultIfEmpty(start).Max() - start, 1) / (double)Stopwatch.Frequency;

        // Read back, untimed: each history holds exactly the messages that got their 200.
        foreach (var c in usable)
        {
            var id = picked[c].Id;
            try
            {
                var (_, _, users) = await node.ConversationHistoryAsync(adminKey, id, cancel);
                if (users != reached[c])
                {
                    historyErrors.Add($"conversation {id} holds {users} user messages after the history phase, not {reached[c]}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or KeyNotFoundException or FormatException or TaskCanceledException && !cancel.IsCancellationRequested)
            {
                historyErrors.Add($"GET /v1/conversations/{id}: {ex.Message}");
            }
        }

        var rows = new List<PhaseResult>
        {
            PhaseResult.FromSamples("history append (all n)",
                usable.Sum(c => latency[c].Count(t => t > 0)),
                usable.Sum(c => failed[c].Sum()),
                seconds,
                usable.SelectMany(c => latency[c].Where(t => t > 0))),
        };
        var windows = new List<string>(marks.Length);
        foreach (var mark in marks)
        {
            var low = Math.Clamp(mark - 4, 1, Math.Max(target - 9, 1));
            var high = Math.Min(low + 9, target);
            var samples = usable.SelectMany(c => Enumerable.Range(low, high - low + 1).Select(n => latency[c][n]).Where(t => t > 0)).ToList();
            var errors = usable.Sum(c => Enumerable.Range(low, high - low + 1).Sum(n => failed[c][n]));
            rows.Add(PhaseResult.FromSamples($"append #{mark.ToString(Invariant)}", samples.Count, errors, 0, samples));
            windows.Add($"#{mark.ToString(Invariant)} = n {low.ToString(Invariant)}–{high.ToString(Invariant)}");
        }

        var firstP50 = rows[1].P50;
        var ratio = firstP50 > 0 ? rows[^1].P50 / firstP50 : double.NaN;
        report.Lines.Add($"append #{marks[^1].ToString(Invariant)} / append #{marks[0].ToString(Invariant)} p50 ratio: {Report.Number(ratio, "0.00")} " +
            $"(flat appends: about 1; webhook POST → 200 of user message n, {usable.Length} conversations in parallel, {string.Join(", ", windows)}).");
        var complete = usable.Length == picked.Count && usable.All(c => reached[c] >= target);
        if (!complete && usable.Length > 0)
        {
            report.Lines.Add($"History: conversations reached {usable.Min(c => reached[c]).ToString(Invariant)}–{usable.Max(c => reached[c]).ToString(Invariant)} of {target.ToString(Invariant)} user messages " +
                $"({usable.Length} of {picked.Count} usable, cap {Seconds(capSeconds)}, at most {HistoryMaxFailures} errors each).");
        }

        return (rows, complete);
    }

    /// <summary>Phase 1 from this process: each worker sends new contacts' first messages; which were answered 200.</summary>
    private async Task<(PhaseResult Ingest, int Count)> IngestAsync(Webhooks hooks, Uri webhookUrl, string runTag, bool[] ingested, ErrorLog errors)
    {
        var ingest = await Load.ClosedLoopAsync("ingest (first message)", options.Connections, options.Warmup, options.Seconds, options.MaxIngest,
            async (i, token) =>
            {
                using var request = hooks.TextMessage(webhookUrl, Webhooks.Phone(i), FirstMessageId(runTag, i), "hi");
                return ingested[i] = await SendAsync(request, HttpStatusCode.OK, errors, token);
            },
            cancel);
        return (ingest, ingested.Count(ok => ok));
    }

    /// <summary>
    /// Phase 1 from wrk: a warm-up and then the measured window, each with contacts of its own. Every contact wrk
    /// sent is marked; the count is of the 200s it read (those flows are certain to start).
    /// </summary>
    private async Task<(PhaseResult Ingest, int Count)> IngestWithWrkAsync(string wrk, Webhooks hooks, Uri webhookUrl, string runTag, bool[] ingested, ErrorLog errors)
    {
        var first = 0;
        async Task<WrkRun> RunAsync(string name, double seconds, double perSecond)
        {
            var count = (int)Math.Min(options.MaxIngest, Math.Ceiling(Math.Max(1, seconds) * perSecond));
            var from = first;
            first += count;
            var run = await Wrk.RunAsync(wrk, name, webhookUrl,
                Enumerable.Range(from, count).Select(i => hooks.SignedText(Webhooks.Phone(i), FirstMessageId(runTag, i), "hi")),
                repeat: false, options.Connections, WrkThreads, seconds, cancel);
            foreach (var (offset, sent) in run.Threads)
            {
                for (long k = 0; k < sent && offset + (k * run.Stride) < count; k++)
                {
                    ingested[from + offset + (k * run.Stride)] = true;
                }
            }

            return run;
        }

        // The window gets four times the warm-up's rate in distinct contacts: enough, and quick for wrk to read.
        var warmup = await RunAsync("ingest warm-up", options.Warmup, WrkWarmupFirstMessagesPerSecond);
        var measured = await RunAsync("ingest (first message)", options.Seconds, Math.Max(2000, 4 * warmup.Phase.Rate));
        NoteErrors(warmup.Phase, errors);
        return (NoteErrors(measured.Phase, errors), (int)(warmup.Phase.Ok + measured.Phase.Ok));
    }

    /// <summary>wrk counts errors without saying what they were; the report gets the count.</summary>
    private static PhaseResult NoteErrors(PhaseResult phase, ErrorLog errors)
    {
        if (phase.Errors > 0)
        {
            errors.Add($"{phase.Name}: wrk counted {phase.Errors} errors (answers other than 2xx/3xx, timeouts or socket errors)");
        }

        return phase;
    }

    private string LoadGenerator => options.WrkPath is null ? "this process's HttpClient" : $"wrk ({WrkThreads} threads)";

    private static string FirstMessageId(string runTag, int contact) => $"wamid.bench-{runTag}-{contact}-1";

    private async Task<PhaseResult> EchoCeilingAsync(ErrorLog errors)
    {
        await using var echo = await EchoServer.StartAsync(cancel);
        return await DriveCeilingAsync("echo ceiling", new Uri(echo.BaseUrl, "/echo"), errors);
    }

    /// <summary>
    /// A ceiling's load, closed loop for the warm-up and then the window: the webhook ingest sends, same shape, size
    /// and signature header, over the same connections (with wrk, a few thousand of them, repeated).
    /// </summary>
    private async Task<PhaseResult> DriveCeilingAsync(string name, Uri url, ErrorLog errors)
    {
        if (options.WrkPath is { } wrk)
        {
            var requests = Enumerable.Range(0, 4096).Select(i => echoHooks.SignedText(Webhooks.Phone(i), $"wamid.ceiling-{i}", "hi")).ToList();
            await Wrk.RunAsync(wrk, name + " warm-up", url, requests, repeat: true, options.Connections, WrkThreads, options.Warmup, cancel);
            return NoteErrors((await Wrk.RunAsync(wrk, name, url, requests, repeat: true, options.Connections, WrkThreads, options.Seconds, cancel)).Phase, errors);
        }

        return await Load.ClosedLoopAsync(name, options.Connections, options.Warmup, options.Seconds, MaxEcho,
            async (i, token) =>
            {
                using var request = echoHooks.TextMessage(url, Webhooks.Phone(i), $"wamid.ceiling-{i}", "hi");
                return await SendAsync(request, HttpStatusCode.OK, errors, token);
            },
            cancel);
    }

    /// <summary>
    /// The second ceiling (<see cref="RelayServer"/>): webhooks of distinct contacts, each answered and followed by
    /// the bench flow's two prompts to a stand-in; with <paramref name="database"/>, each contact's row read and
    /// written there as the node's storage does. Errors: the relay's non-2xx answers, failed posts and reports.
    /// </summary>
    private async Task<PhaseResult> RelayCeilingAsync(ErrorLog errors, string? database)
    {
        await using var records = database is null ? null : await RelayRecords.OpenAsync(database, cancel);
        var relay = await RelayServer.StartAsync([NodeClient.Welcome, Question], records, cancel);
        var name = records is null ? "relay ceiling (200, then 2 posts)" : "relay on PostgreSQL (+3 statements)";
        PhaseResult phase;
        try
        {
            phase = await DriveCeilingAsync(name, new Uri(relay.BaseUrl, "/relay"), errors);
        }
        finally
        {
            await relay.StopAsync();
        }

        if (relay.Failed > 0)
        {
            errors.Add($"{name}: {relay.Failed} posts to its stand-in or send reports failed ({relay.Posts} posts answered)");
        }

        return phase;
    }

    private static string RelayLine(PhaseResult echo, PhaseResult relay) =>
        $"Relay ceiling / echo ceiling: {Report.Number(relay.Rate / echo.Rate * 100, "0.0")}%: the bare HTTP of a first message (its webhook answered, the flow's two prompts posted and served) on these cores; no ingest can pass it here.";

    private static string RelayOnDatabaseLine(PgBenchResult pgbench, PhaseResult relayOnDatabase) =>
        $"Relay on PostgreSQL / pgbench upsert: {Report.Number(relayOnDatabase.Rate / pgbench.Tps * 100, "0.0")}%: the bare HTTP of a first message and its three statements (a read, a write before the 200, a write after the prompts) on these cores; no ingest can pass it here.";

    /// <summary>Sends a load request and reads its whole answer; false (and an error noted) unless it is <paramref name="expected"/>.</summary>
    private async Task<bool> SendAsync(HttpRequestMessage request, HttpStatusCode expected, ErrorLog errors, CancellationToken token)
    {
        try
        {
            using var response = await http.SendAsync(request, token);
            if (response.StatusCode == expected)
            {
                return true;
            }

            errors.Add($"{request.Method} {request.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(token)}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !token.IsCancellationRequested)
        {
            errors.Add($"{request.Method} {request.RequestUri?.AbsolutePath}: {ex.GetType().Name}: {ex.Message}");
        }

        return false;
    }

    /// <summary>Polls every 20 ms until <paramref name="done"/> holds or <paramref name="seconds"/> pass; whether it held.</summary>
    /// <summary>Waits until <paramref name="count"/> has not moved for <paramref name="quiet"/> (at most <paramref name="seconds"/>).</summary>
    private async Task QuietAsync(Func<long> count, TimeSpan quiet, double seconds)
    {
        var until = Stopwatch.GetTimestamp() + Latencies.Ticks(seconds);
        var last = count();
        var since = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() < until && Stopwatch.GetElapsedTime(since) < quiet)
        {
            await Task.Delay(20, cancel);
            if (count() != last)
            {
                last = count();
                since = Stopwatch.GetTimestamp();
            }
        }
    }

    private async Task<bool> UntilAsync(Func<bool> done, double seconds)
    {
        var until = Stopwatch.GetTimestamp() + Latencies.Ticks(seconds);
        while (!done())
        {
            if (Stopwatch.GetTimestamp() >= until)
            {
                return false;
            }

            await Task.Delay(20, cancel);
        }

        return true;
    }

    private static bool AddErrors(Report report, string phase, ErrorLog errors)
    {
        if (errors.Count == 0)
        {
            return true;
        }

        report.Lines.Add($"{phase}: {errors.Count} errors, first: {string.Join(" | ", errors.Samples)}");
        return false;
    }

    private int Publish(Report report, bool passed)
    {
        Console.WriteLine();
        Console.Write(report.Text());
        if (options.Markdown is { } file)
        {
            File.AppendAllText(file, report.Markdown());
            Console.WriteLine($"Appended to {file}.");
        }

        if (!passed)
        {
            Console.WriteLine("FAILED: a phase had no successes or there were errors (see above).");
        }

        return passed ? 0 : 1;
    }

    private static string Seconds(double seconds) => seconds.ToString("0.#", Invariant) + " s";
}
