using System.Globalization;

namespace Truora.Bench;

/// <summary>
/// A process's garbage collections so far: the time its threads were paused and the collections by generation.
/// The node's come from its Prometheus endpoint (the runtime meter), the harness's from its own runtime.
/// </summary>
internal readonly record struct GcSnapshot(double PausedSeconds, long Gen0, long Gen1, long Gen2)
{
    public static GcSnapshot OfThisProcess() =>
        new(GC.GetTotalPauseDuration().TotalSeconds, GC.CollectionCount(0) - GC.CollectionCount(1), GC.CollectionCount(1) - GC.CollectionCount(2), GC.CollectionCount(2));

    /// <summary>The node's figures from its <c>/metrics</c> text; null when it exports none (another node build).</summary>
    public static GcSnapshot? Parse(string metrics)
    {
        double? paused = null;
        long gen0 = 0, gen1 = 0, gen2 = 0;
        foreach (var line in metrics.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("dotnet_gc_pause_time_seconds_total"))
            {
                paused = Value(line);
            }
            else if (line.StartsWith("dotnet_gc_collections_total"))
            {
                var count = (long)Value(line);
                if (line.Contains("\"gen0\"", StringComparison.Ordinal))
                {
                    gen0 = count;
                }
                else if (line.Contains("\"gen1\"", StringComparison.Ordinal))
                {
                    gen1 = count;
                }
                else if (line.Contains("\"gen2\"", StringComparison.Ordinal))
                {
                    gen2 = count;
                }
            }
        }

        return paused is { } seconds ? new GcSnapshot(seconds, gen0, gen1, gen2) : null;
    }

    public static GcSnapshot operator -(GcSnapshot after, GcSnapshot before) =>
        new(after.PausedSeconds - before.PausedSeconds, after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2);

    public long Collections => Gen0 + Gen1 + Gen2;

    public string Describe() =>
        $"{(PausedSeconds * 1000).ToString("0", CultureInfo.InvariantCulture)} ms paused in {Collections} collections (gen0 {Gen0}, gen1 {Gen1}, gen2 {Gen2})";

    /// <summary>The sample's value: the text after the labels' closing brace (or the name).</summary>
    private static double Value(ReadOnlySpan<char> line) =>
        double.Parse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);
}
