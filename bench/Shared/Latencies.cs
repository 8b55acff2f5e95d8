using System.Diagnostics;

namespace Truora.Bench;

/// <summary>
/// Exact latency percentiles, shared by both harnesses: every recorded latency (Stopwatch ticks) sorted, nearest
/// rank, no histogram buckets.
/// </summary>
internal static class Latencies
{
    /// <summary>The latency (ms) below or at which a fraction <paramref name="p"/> of the samples fall; NaN without samples.</summary>
    public static double Percentile(long[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return Milliseconds(sorted[Math.Clamp(rank, 0, sorted.Length - 1)]);
    }

    public static double Max(long[] sorted) => sorted.Length == 0 ? double.NaN : Milliseconds(sorted[^1]);

    public static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    public static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);
}
