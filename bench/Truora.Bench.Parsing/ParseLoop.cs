using System.Diagnostics;
using Truora.Api.WhatsApp;

namespace Truora.Bench.Parsing;

/// <summary>
/// Times <see cref="WebhookPayloadParser.TryParse"/> over one body: a second of warm-up so tiered compilation has
/// settled, then rounds of back-to-back parses. The median round is the figure; the best shows how much the shared
/// machine's noise moved it. The process's CPU time per parse is counted too: unlike the wall clock it leaves out
/// the time other processes held the cores, which on the shared VM can double a round. Allocation is this
/// thread's own count, exact rather than sampled.
/// </summary>
internal static class ParseLoop
{
    /// <summary>What the body yields, such as "1 message", or null when it is refused.</summary>
    public static string? Check(byte[] body) =>
        WebhookPayloadParser.TryParse(body, out var payload, out _)
            ? $"{payload.Messages.Count} message(s), {payload.Statuses.Count} status(es)"
            : null;

    public static (double MedianNs, double BestNs, double MedianCpuNs, double AllocatedBytes) Measure(byte[] body, int iterations, int rounds)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(1))
        {
            Run(body, 1_000);
        }

        var perOp = new double[rounds];
        var cpuPerOp = new double[rounds];
        long allocated = 0;
        for (var round = 0; round < rounds; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var cpu = Environment.CpuUsage.TotalTime;
            var clock = Stopwatch.StartNew();
            Run(body, iterations);
            clock.Stop();
            cpuPerOp[round] = (Environment.CpuUsage.TotalTime - cpu).TotalNanoseconds / iterations;
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            perOp[round] = clock.Elapsed.TotalNanoseconds / iterations;
        }

        Array.Sort(perOp);
        Array.Sort(cpuPerOp);
        return (perOp[rounds / 2], perOp[0], cpuPerOp[rounds / 2], (double)allocated / ((long)iterations * rounds));
    }

    private static void Run(byte[] body, int iterations)
    {
        var yielded = 0;
        for (var i = 0; i < iterations; i++)
        {
            WebhookPayloadParser.TryParse(body, out var payload, out _);
            yielded += payload.Messages.Count + payload.Statuses.Count;
        }

        // Uses the results, so no compiler can drop a parse as unused.
        if (yielded == 0)
        {
            throw new InvalidOperationException("The body yielded nothing.");
        }
    }
}
