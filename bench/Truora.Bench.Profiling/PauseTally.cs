using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Truora.Bench.Profiling;

/// <summary>
/// GC pauses as the application felt them: from the runtime starting to suspend threads to it restarting them,
/// which includes waiting for a core on a busy machine.
/// </summary>
public sealed class PauseTally
{
    private readonly List<(double AtMs, double LengthMs, int Generation)> pauses = [];
    private double suspendedAt = -1;
    private int generation = -1;

    public void Add(TraceEvent data)
    {
        switch (data)
        {
            case GCStartTraceData start:
                generation = start.Depth;
                break;
            case GCSuspendEETraceData:
                suspendedAt = data.TimeStampRelativeMSec;
                break;
            case GCNoUserDataTraceData when suspendedAt >= 0 && data.EventName.Contains("RestartEEStop", StringComparison.Ordinal):
                pauses.Add((suspendedAt, data.TimeStampRelativeMSec - suspendedAt, generation));
                suspendedAt = -1;
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
        foreach (var (at, length, gen) in pauses.OrderByDescending(p => p.LengthMs).Take(10))
        {
            output.WriteLine($"  at {at / 1000:F2} s: {length:F1} ms (gen{gen})");
        }
    }
}
