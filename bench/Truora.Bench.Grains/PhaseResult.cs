using System.Diagnostics;

namespace Truora.Bench.Grains;

/// <summary>
/// One line of the report. Percentiles are exact: all recorded latencies sorted, nearest rank, no histogram.
/// Only the figures are kept, not the samples: the memory mode measures the process after its phases, and two
/// million latencies (16 MB) must be garbage by then.
/// </summary>
internal sealed class PhaseResult
{
    public PhaseResult(string name, LoadResult load)
    {
        Name = name;
        Ok = load.Ok;
        Errors = load.Errors.Count;
        Rate = load.Elapsed.TotalSeconds > 0 ? load.Ok / load.Elapsed.TotalSeconds : double.NaN;
        long[] sorted = [.. load.AllLatencies];
        Array.Sort(sorted);
        P50 = Percentile(sorted, 0.5);
        P99 = Percentile(sorted, 0.99);
        P999 = Percentile(sorted, 0.999);
        Max = sorted.Length == 0 ? double.NaN : Milliseconds(sorted[^1]);
    }

    public string Name { get; }

    public long Ok { get; }

    public long Errors { get; }

    /// <summary>Successes per second of the phase's duration (from the first call to the last completion).</summary>
    public double Rate { get; }

    public double P50 { get; }

    public double P99 { get; }

    public double P999 { get; }

    public double Max { get; }

    /// <summary>The latency (ms) below or at which a fraction <paramref name="p"/> of the samples fall; NaN without samples.</summary>
    private static double Percentile(long[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return Milliseconds(sorted[Math.Clamp(rank, 0, sorted.Length - 1)]);
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
