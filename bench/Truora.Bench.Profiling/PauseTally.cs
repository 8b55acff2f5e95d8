using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Truora.Bench.Profiling;

/// <summary>
/// GC pauses as the application felt them: from the runtime starting to suspend threads to it restarting them,
/// which includes waiting for a core on a busy machine. Each with what it kept: the bytes that survived into the
/// next generation, which is most of what a young collection's pause is spent on.
/// </summary>
public sealed class PauseTally
{
    private readonly List<Pause> pauses = [];
    private double suspendedAt = -1;
    private int generation = -1;
    private long promoted = -1;

    public void Add(TraceEvent data)
    {
        switch (data)
        {
            case GCStartTraceData start:
                generation = start.Depth;
                break;
            case GCHeapStatsTraceData stats:
                // Bytes that survived gen0 into gen1, plus those that survived gen1 into gen2 when gen1 was collected.
                promoted = stats.TotalPromotedSize0 + stats.TotalPromotedSize1;
                break;
            case GCSuspendEETraceData:
                suspendedAt = data.TimeStampRelativeMSec;
                break;
            case GCNoUserDataTraceData when suspendedAt >= 0 && data.EventName.Contains("RestartEEStop", StringComparison.Ordinal):
                pauses.Add(new Pause(suspendedAt, data.TimeStampRelativeMSec - suspendedAt, generation, promoted));
                suspendedAt = -1;
                promoted = -1;
                break;
        }
    }

    public void Print(TextWriter output)
    {
        if (pauses.Count == 0)
        {
            output.WriteLine("== no GC pause events (record with the gc-verbose or gc-collect profile)");
            return;
        }

        output.WriteLine($"== GC pauses: {pauses.Count}, {pauses.Sum(p => p.LengthMs):F0} ms in all, {pauses.Count(p => p.LengthMs > 10)} over 10 ms; the longest:");
        foreach (var pause in pauses.OrderByDescending(p => p.LengthMs).Take(10))
        {
            output.WriteLine($"  at {pause.AtMs / 1000:F2} s: {pause.LengthMs:F1} ms (gen{pause.Generation}){Promoted(pause)}");
        }

        foreach (var gen in pauses.Select(p => p.Generation).Distinct().Order())
        {
            var ofGen = pauses.Where(p => p.Generation == gen && p.PromotedBytes >= 0).ToArray();
            if (ofGen.Length > 0)
            {
                output.WriteLine($"  gen{gen}: {ofGen.Length} pauses, mean {ofGen.Average(p => p.LengthMs):F1} ms, mean {ofGen.Average(p => p.PromotedBytes) / 1e6:F1} MB promoted");
            }
        }
    }

    private static string Promoted(Pause pause) => pause.PromotedBytes >= 0 ? $", {pause.PromotedBytes / 1e6:F1} MB promoted" : "";

    private readonly record struct Pause(double AtMs, double LengthMs, int Generation, long PromotedBytes);
}
