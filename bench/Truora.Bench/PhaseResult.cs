using System.Diagnostics;

namespace Truora.Bench;

/// <summary>
/// One line of the report: successes and errors in a measured window, and every recorded latency (Stopwatch ticks).
/// Percentiles are computed from all samples, sorted (nearest rank): exact, no histogram buckets.
/// </summary>
internal sealed class PhaseResult
{
    private readonly long[] sorted;

    public PhaseResult(string name, long ok, long errors, double windowSeconds, IEnumerable<long> latencyTicks, string? note = null)
    {
        Name = name;
        Ok = ok;
        Errors = errors;
        WindowSeconds = windowSeconds;
        Note = note;
        sorted = [.. latencyTicks];
        Array.Sort(sorted);
    }

    public string Name { get; }

    public long Ok { get; }

    public long Errors { get; }

    public double WindowSeconds { get; }

    public string? Note { get; }

    public int Samples => sorted.Length;

    /// <summary>Successes per second of the measured window; NaN (printed "-") for a row that is no window in time.</summary>
    public double Rate => WindowSeconds > 0 ? Ok / WindowSeconds : double.NaN;

    /// <summary>The latency (ms) below or at which a fraction <paramref name="p"/> of the samples fall; NaN without samples.</summary>
    public double Percentile(double p) => Latencies.Percentile(sorted, p);

    public double Max => Latencies.Max(sorted);

    public static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);
}
