using System.Diagnostics;

namespace Truora.Bench;

/// <summary>
/// One line of the report: successes and errors in a measured window, and every recorded latency (Stopwatch ticks).
/// Percentiles are computed from all samples, sorted (nearest rank): exact, no histogram buckets. A phase driven by
/// wrk brings wrk's own percentiles instead (its histogram has microsecond buckets).
/// </summary>
internal sealed class PhaseResult
{
    private readonly long[] sorted;
    private readonly IReadOnlyDictionary<double, double>? reported;
    private readonly double reportedMax = double.NaN;

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

    /// <summary>A phase whose latencies another tool measured: its percentiles (ms) by fraction, and its maximum.</summary>
    public PhaseResult(string name, long ok, long errors, double windowSeconds, IReadOnlyDictionary<double, double> percentiles, double max, string? note = null)
        : this(name, ok, errors, windowSeconds, [], note)
    {
        reported = percentiles;
        reportedMax = max;
    }

    public string Name { get; }

    public long Ok { get; }

    public long Errors { get; }

    public double WindowSeconds { get; }

    public string? Note { get; }

    public int Samples => reported is null ? sorted.Length : (int)Ok;

    /// <summary>Successes per second of the measured window; NaN (printed "-") for a row that is no window in time.</summary>
    public double Rate => WindowSeconds > 0 ? Ok / WindowSeconds : double.NaN;

    /// <summary>The latency (ms) below or at which a fraction <paramref name="p"/> of the samples fall; NaN without samples.</summary>
    public double Percentile(double p) =>
        reported is null ? Latencies.Percentile(sorted, p) : reported.GetValueOrDefault(p, double.NaN);

    public double Max => reported is null ? Latencies.Max(sorted) : reportedMax;

    public static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);
}
