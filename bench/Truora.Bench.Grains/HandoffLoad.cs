using System.Collections.Concurrent;
using System.Globalization;
using Truora.Grains.Interfaces.Conversations;

namespace Truora.Bench.Grains;

/// <summary>
/// Hand-offs at the grain level: conversation openings into the group's <c>available</c> rotation, as a flow's
/// connect_agent block makes them, back to back with a fixed number in flight. Each call is one new conversation:
/// saved, routed through the group to an agent, saved again and published before it returns.
/// </summary>
internal static class HandoffLoad
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken stop)
    {
        Console.Error.WriteLine($"Starting {options.Silos} silos…");
        await using var cluster = await GrainCluster.StartAsync(options.Silos, keepActivations: false);
        var tenant = await BenchTenant.CreateAsync(cluster.Client, options.Agents);
        var owners = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var opened = 0L;

        // Warm-up and window conversations get ids and phone numbers of their own: w1/5710…01, h1/5720…01.
        async Task HandOffAsync(string prefix, int phonePart, long number)
        {
            var id = $"{prefix}{number}";
            var summary = await tenant.Conversation(id).OpenAsync(Openings.New(Openings.Phone(phonePart, number)));
            Interlocked.Increment(ref opened);
            if (summary is not { Status: ConversationStatus.Assigned, OwnerId: { } owner })
            {
                throw new InvalidOperationException($"Conversation {id} was not assigned (status {summary.Status}).");
            }

            owners.AddOrUpdate(owner, 1, static (_, count) => count + 1);
        }

        if (options.Warmup > 0)
        {
            Console.Error.WriteLine($"Warm-up: {options.Warmup} s…");
            await ClosedLoop.RunAsync(tenant, options.InFlight, long.MaxValue, TimeSpan.FromSeconds(options.Warmup),
                number => HandOffAsync("w", 1, number), progress: null, stop);
        }

        Console.Error.WriteLine($"Hand-offs: {options.Seconds} s, {options.InFlight} in flight…");
        var load = await ClosedLoop.RunAsync(tenant, options.InFlight, long.MaxValue, TimeSpan.FromSeconds(options.Seconds),
            number => HandOffAsync("h", 2, number), "hand-offs", stop);

        var report = new Report("Grain-level hand-offs",
            string.Create(CultureInfo.InvariantCulture,
                $"{options.Silos} silos in one process (Orleans TestingHost, memory storage), {options.Agents} available agents in one group (available rotation, no capacity limit), {options.InFlight} openings in flight from the cluster client, {options.Seconds:0.#} s after {options.Warmup:0.#} s warm-up"));
        report.Phases.Add(load.Phase("hand-off (OpenAsync → assigned)"));
        AddFairness(report, tenant, owners);
        report.Lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"Latency: the client's OpenAsync call → its returned summary (saved, routed to an agent, saved again, published). Rate: successes per second over {load.Elapsed.TotalSeconds:0.00} s (the window plus the last calls' completion)."));
        report.Lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"Conversations opened in all (warm-up included): {Interlocked.Read(ref opened):N0}; each agent's state lists its conversations, so it grows during the run."));
        Errors(report, load);
        return Output.Write(report, options, failed: load.Errors.Count > 0 || load.Ok == 0);
    }

    /// <summary>Rotation is fair when every agent got its turn: counts over all hand-offs (warm-up included).</summary>
    private static void AddFairness(Report report, BenchTenant tenant, ConcurrentDictionary<string, int> owners)
    {
        var counts = tenant.Agents.Select(agent => owners.GetValueOrDefault(agent)).ToArray();
        var total = counts.Sum();
        report.Lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"Rotation: {total:N0} assigned hand-offs over {counts.Length} agents: min {counts.Min():N0}, max {counts.Max():N0} per agent (mean {(double)total / counts.Length:N1}; spread max − min = {counts.Max() - counts.Min()})."));
    }

    public static void Errors(Report report, LoadResult load)
    {
        foreach (var error in load.Errors.Samples)
        {
            report.Lines.Add("Error: " + error);
        }
    }
}
