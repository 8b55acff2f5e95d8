namespace Truora.Bench;

/// <summary>
/// One line of a report: successes and errors, a rate, and latency percentiles in milliseconds. Built from every
/// recorded latency (exact: sorted, nearest rank, no histogram; only the figures are kept, so the samples are
/// garbage once the row exists), or from a tool's own percentiles (wrk's microsecond histogram).
/// </summary>
internal sealed class PhaseResult(string name, long ok, long errors, double rate, double p50, double p99, double p999, double max, string? note = null)
{
    public string Name { get; } = name;

    public long Ok { get; } = ok;

    public long Errors { get; } = errors;

    /// <summary>Successes per second of the phase's window; NaN (printed "-") for a row that is no window in time.</summary>
    public double Rate { get; } = rate;

    public double P50 { get; } = p50;

    public double P99 { get; } = p99;

    public double P999 { get; } = p999;

    public double Max { get; } = max;

    /// <summary>A caveat the report prints under the tables.</summary>
    public string? Note { get; } = note;

    /// <summary>A row from every latency recorded (Stopwatch ticks); its rate is <paramref name="ok"/> over <paramref name="seconds"/>.</summary>
    public static PhaseResult FromSamples(string name, long ok, long errors, double seconds, IEnumerable<long> latencyTicks, string? note = null)
    {
        long[] sorted = [.. latencyTicks];
        Array.Sort(sorted);
        return new PhaseResult(name, ok, errors, seconds > 0 ? ok / seconds : double.NaN,
            Latencies.Percentile(sorted, 0.5), Latencies.Percentile(sorted, 0.99), Latencies.Percentile(sorted, 0.999), Latencies.Max(sorted), note);
    }
}
