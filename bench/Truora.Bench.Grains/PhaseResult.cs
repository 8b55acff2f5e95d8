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
        P50 = Latencies.Percentile(sorted, 0.5);
        P99 = Latencies.Percentile(sorted, 0.99);
        P999 = Latencies.Percentile(sorted, 0.999);
        Max = Latencies.Max(sorted);
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
}
