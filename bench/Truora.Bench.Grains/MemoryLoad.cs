using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Truora.Grains.Conversations;
using Truora.Grains.Interfaces.Conversations;
using Truora.Silo.Storage;

namespace Truora.Bench.Grains;

/// <summary>
/// Memory per open conversation: one silo is loaded with conversations of a given length, all kept active, and the
/// process is measured after a full collection against a baseline taken once the tenant, agents and group exist.
/// </summary>
internal static class MemoryLoad
{
    /// <summary>Entries of the opening's transcript (welcome, question, answer): they count as messages.</summary>
    public const int TranscriptLength = 3;

    /// <summary>Openings and appends use their own phone numbers, apart from the hand-off mode's.</summary>
    private const int PhonePart = 3;

    /// <summary>How long after the last append the quiet measure is taken: batches committed, timers run out.</summary>
    private static readonly TimeSpan QuietAfter = TimeSpan.FromSeconds(6);

    public static async Task<int> RunAsync(BenchOptions options, CancellationToken stop)
    {
        var storage = StorageSettings.Memory;
        if (options.Postgres is { } connectionString)
        {
            storage = StorageSettings.Postgres(connectionString, autoMigrate: true);
            Console.Error.WriteLine("Migrating the PostgreSQL schema…");
            await new SchemaMigrator(storage, NullLogger<SchemaMigrator>.Instance).MigrateAsync(stop);
        }

        Console.Error.WriteLine($"Starting {options.Silos} silo(s)…");
        await using var cluster = await GrainCluster.StartAsync(options.Silos, keepActivations: true, storage);
        var tenant = await BenchTenant.CreateAsync(cluster.Client, options.Agents);
        var baseline = MemorySnapshot.Take();
        var baseActivations = Total(await cluster.ActivationsAsync());

        var loading = Stopwatch.StartNew();
        var (open, append, errors) = await LoadAsync(tenant, options, stop);
        loading.Stop();

        var busy = MemorySnapshot.Take();
        Console.Error.WriteLine("Waiting for the conversations to be quiet…");
        await Task.Delay(QuietAfter, stop);
        var quiet = MemorySnapshot.Take();
        var activations = await cluster.ActivationsAsync();
        var conversations = Conversations(activations);

        if (Environment.GetEnvironmentVariable("TRUORA_BENCH_HOLD_SECONDS") is { } hold && double.TryParse(hold, CultureInfo.InvariantCulture, out var seconds))
        {
            // Time to take a heap dump (dotnet-gcdump) of the loaded process before anything is collected.
            Console.Error.WriteLine($"Loaded; holding {seconds} s (process {Environment.ProcessId})…");
            await Task.Delay(TimeSpan.FromSeconds(seconds), stop);
        }

        // What stays without the activations: storage, reminders, indexes. Measured after the main figures.
        Console.Error.WriteLine("Collecting every idle activation, to split activations from storage…");
        var remaining = await CollectActivationsAsync(cluster);
        var collected = MemorySnapshot.Take();

        var n = options.Conversations;
        var report = new Report("Grain-level memory",
            string.Create(CultureInfo.InvariantCulture,
                $"{options.Silos} silo(s) in one process (Orleans TestingHost, {(storage.IsRelational ? "PostgreSQL storage and reminders" : "memory storage")}), {n:N0} open conversations of {options.Messages} messages each ({TranscriptLength} in the opening's transcript, {options.Messages - TranscriptLength} user messages appended through IConversationRoutingGrain.AppendUserMessageAsync, {(options.Bursts ? "each conversation's all at once" : "round by round")}), {options.Agents} agents, {options.InFlight} calls in flight"));
        report.Phases.Add(open);
        report.Phases.Add(append);
        report.FigureColumns = ["measure", "after set-up", "busy", "quiet", "per conversation, busy", "per conversation, quiet"];
        report.Figures.Add(Row("working set (Environment.WorkingSet)", baseline.WorkingSet, busy.WorkingSet, quiet.WorkingSet, n));
        report.Figures.Add(Row("GC heap, live (GC.GetTotalMemory(true))", baseline.TotalMemory, busy.TotalMemory, quiet.TotalMemory, n));
        report.Figures.Add(Row("GC heap size (GCMemoryInfo.HeapSizeBytes)", baseline.HeapSize, busy.HeapSize, quiet.HeapSize, n));
        report.Figures.Add(Row("GC committed (GCMemoryInfo)", baseline.Committed, busy.Committed, quiet.Committed, n));
        report.Figures.Add([
            "activations (all grain types)", Count(baseActivations), "-", Count(Total(activations)), "-", "-"]);

        report.Lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"Loading took {loading.Elapsed.TotalSeconds:N0} s ({open.Ok:N0} openings, then {append.Ok:N0} appends); each measure follows two forced compacting full collections (large object heap included)."));
        report.Lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"Busy: right after the last append. Quiet: {QuietAfter.TotalSeconds:0.#} s later. Either way each open conversation holds its state and hashes of its latest {ConversationJournal.TailSize} message ids; the history itself is in the records ({(storage.IsRelational ? "PostgreSQL" : "the tenant's memory records grain")})."));
        report.Lines.Add("The load phases' latencies are mostly queueing behind the in-flight calls (about in-flight / rate): loading is "
            + "this mode's means, not its measure.");
        report.Lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"Conversation activations when measured: {conversations:N0} of {n:N0}. Activations by type: {string.Join(", ", activations.Select(entry => $"{ShortName(entry.GrainType)} {entry.Count:N0}"))}."));
        report.Lines.Add(storage.IsRelational
            ? "The figures are the whole process: the silo(s) and the cluster client; grain state and reminders are in PostgreSQL, but for the "
                + "reminder service's copy of the reminders it owns (one expiry reminder per conversation)."
            : "The figures are the whole process: the silo(s), the cluster client, Orleans' memory grain storage (every conversation's "
                + "state, serialized, besides the activations' own copies), the memory records grain (every message and list row), the "
                + "in-memory reminder table (one expiry reminder per conversation) and the agents' event buffers.");
        report.Lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"Memory available to the GC (GCMemoryInfo.TotalAvailableMemoryBytes: the heap hard limit when there is one, as in a container, else the machine's memory): {Report.MiB(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes)}."));
        report.Lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"With the idle activations collected (IManagementGrain.ForceActivationCollection; {Count(Total(remaining))} left, {Conversations(remaining):N0} conversations): working set {Report.MiB(collected.WorkingSet)}, live heap {Report.MiB(collected.TotalMemory)}. "
            + $"So the activations (the conversations', plus the few agents, inboxes, group and records grain) took about {PerConversation(quiet.TotalMemory - collected.TotalMemory, n)} B of live heap per conversation, "
            + $"and what outlives them ({(storage.IsRelational ? "the reminder service's copy of the expiry reminders" : "the memory storage's serialized states, the records grain's messages and rows, the reminder table")}) about {PerConversation(collected.TotalMemory - baseline.TotalMemory, n)} B."));
        foreach (var error in errors)
        {
            report.Lines.Add("Error: " + error);
        }

        return Output.Write(report, options,
            failed: open.Errors + append.Errors > 0 || open.Ok != n || conversations < n);
    }

    /// <summary>
    /// Opens the conversations, then appends their user messages round by round (message 1 to every conversation,
    /// then message 2, …), so every conversation is busy throughout; or in bursts, a conversation's all at once.
    /// Only the phases' figures come back: the latency samples are garbage before the measure.
    /// </summary>
    private static async Task<(PhaseResult Open, PhaseResult Append, IReadOnlyList<string> Errors)> LoadAsync(
        BenchTenant tenant, BenchOptions options, CancellationToken stop)
    {
        var n = options.Conversations;
        Console.Error.WriteLine($"Opening {n:N0} conversations, {options.InFlight} in flight…");
        var opened = await ClosedLoop.RunAsync(tenant, options.InFlight, n, window: null, async number =>
        {
            var summary = await tenant.Conversation(Id(number)).OpenAsync(Openings.New(Openings.Phone(PhonePart, number)));
            if (summary.Status is not ConversationStatus.Assigned)
            {
                throw new InvalidOperationException($"Conversation {Id(number)} was not assigned (status {summary.Status}).");
            }
        }, "open", stop);
        var open = opened.Phase("open (hand-off)");

        var rounds = options.Messages - TranscriptLength;
        Console.Error.WriteLine($"Appending {(long)n * rounds:N0} user messages, {options.InFlight} in flight…");
        async Task AppendAsync(long conversation, int message)
        {
            if (!await tenant.Conversation(Id(conversation)).AppendUserMessageAsync(Openings.UserMessage(Openings.Phone(PhonePart, conversation), message)))
            {
                throw new InvalidOperationException($"Conversation {Id(conversation)} is no longer open.");
            }
        }

        LoadResult appended;
        PhaseResult append;
        if (options.Bursts)
        {
            // The same calls in flight, a conversation's messages at a time: the conversation coalesces their writes.
            var conversationsInFlight = Math.Max(1, options.InFlight / Math.Max(1, rounds));
            appended = await ClosedLoop.RunAsync(tenant, conversationsInFlight, n, window: null,
                conversation => Task.WhenAll(Enumerable.Range(1, rounds).Select(message => AppendAsync(conversation, message))),
                "append (bursts)", stop);
            append = appended.Phase($"append {rounds} user messages at once");
        }
        else
        {
            appended = await ClosedLoop.RunAsync(tenant, options.InFlight, (long)n * rounds, window: null,
                number => AppendAsync(number % n, (int)(number / n) + 1), "append", stop);
            append = appended.Phase("append user message");
        }

        return (open, append, [.. opened.Errors.Samples, .. appended.Errors.Samples]);
    }

    /// <summary>Deactivates every idle activation and waits (up to a minute) until no conversation is left active.</summary>
    private static async Task<IReadOnlyList<(string GrainType, int Count)>> CollectActivationsAsync(GrainCluster cluster)
    {
        await cluster.ForceActivationCollectionAsync(TimeSpan.Zero);
        var deadline = Stopwatch.StartNew();
        var remaining = await cluster.ActivationsAsync();
        while (Conversations(remaining) > 0 && deadline.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            remaining = await cluster.ActivationsAsync();
        }

        return remaining;
    }

    private static string Id(long number) => string.Create(CultureInfo.InvariantCulture, $"m{number}");

    /// <summary>Activations of the conversation grain.</summary>
    private static int Conversations(IReadOnlyList<(string GrainType, int Count)> activations) =>
        activations.Where(entry => ShortName(entry.GrainType) == "ConversationGrain").Sum(entry => entry.Count);

    /// <summary>The class name of a statistic's grain type, which reads "Namespace.Class,Assembly".</summary>
    private static string ShortName(string grainType)
    {
        var name = grainType.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }

    private static int Total(IReadOnlyList<(string GrainType, int Count)> activations) => activations.Sum(entry => entry.Count);

    private static string[] Row(string name, long before, long busy, long quiet, int conversations) =>
        [name, Report.MiB(before), Report.MiB(busy), Report.MiB(quiet), PerConversation(busy - before, conversations) + " B", PerConversation(quiet - before, conversations) + " B"];

    private static string PerConversation(long bytes, int conversations) =>
        (bytes / (double)conversations).ToString("N0", CultureInfo.InvariantCulture);

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
