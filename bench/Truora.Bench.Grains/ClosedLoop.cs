using System.Diagnostics;
using System.Globalization;

namespace Truora.Bench.Grains;

/// <summary>
/// A fixed number of calls in flight, back to back: each worker takes the next call number, awaits it and records
/// its latency (Stopwatch ticks, successes only), until <c>count</c> calls were taken or the deadline passed.
/// A call fails by throwing; the first few messages are kept for the report.
/// </summary>
internal sealed class ClosedLoop
{
    private readonly ErrorLog errors = new();
    private long next = -1;
    private long done;

    private ClosedLoop()
    {
    }

    /// <summary>
    /// Runs <paramref name="call"/> for numbers 0, 1, … with <paramref name="inFlight"/> workers, each in the
    /// tenant's context, until <paramref name="count"/> calls (or, with a window, the deadline).
    /// With <paramref name="progress"/>, a line goes to stderr every 10 s.
    /// </summary>
    public static async Task<LoadResult> RunAsync(
        BenchTenant tenant, int inFlight, long count, TimeSpan? window, Func<long, Task> call, string? progress, CancellationToken stop)
    {
        var loop = new ClosedLoop();
        var started = Stopwatch.GetTimestamp();
        var deadline = window is { } length ? started + (long)(length.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        var workers = Enumerable.Range(0, inFlight)
            .Select(_ => Task.Run(() => loop.WorkAsync(tenant, count, deadline, call, stop)))
            .ToArray();
        using var reporting = new CancellationTokenSource();
        var reporter = progress is null ? Task.CompletedTask : loop.ReportAsync(progress, count, started, reporting.Token);

        var samples = await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await reporting.CancelAsync();
        await reporter;
        stop.ThrowIfCancellationRequested();
        return new LoadResult(loop.done - loop.errors.Count, loop.errors, elapsed, samples);
    }

    private async Task<List<long>> WorkAsync(BenchTenant tenant, long count, long deadline, Func<long, Task> call, CancellationToken stop)
    {
        tenant.Enter();
        var latencies = new List<long>();
        long number;
        while ((number = Interlocked.Increment(ref next)) < count && Stopwatch.GetTimestamp() < deadline && !stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await call(number);
                latencies.Add(Stopwatch.GetTimestamp() - started);
            }
            catch (Exception ex)
            {
                errors.Add($"call {number}: {ex.GetType().Name}: {ex.Message}");
            }

            Interlocked.Increment(ref done);
        }

        return latencies;
    }

    private async Task ReportAsync(string label, long count, long started, CancellationToken cancel)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        var before = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(cancel))
            {
                var now = Interlocked.Read(ref done);
                var total = count == long.MaxValue ? "" : "/" + count.ToString("N0", CultureInfo.InvariantCulture);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{Stopwatch.GetElapsedTime(started).TotalSeconds,6:0}s] {label}: {now:N0}{total} ({(now - before) / 10.0:N0}/s), errors {errors.Count}, working set {Environment.WorkingSet / 1048576.0:N0} MiB"));
                before = now;
            }
        }
        catch (OperationCanceledException)
        {
            // The load finished.
        }
    }
}

/// <summary>What a closed loop did: successes, errors, its duration and every success's latency (ticks, per worker).</summary>
internal sealed record LoadResult(long Ok, ErrorLog Errors, TimeSpan Elapsed, IReadOnlyList<List<long>> Latencies)
{
    public IEnumerable<long> AllLatencies => Latencies.SelectMany(worker => worker);

    /// <summary>The report's row: successes per second from the first call to the last completion.</summary>
    public PhaseResult Phase(string name) => PhaseResult.FromSamples(name, Ok, Errors.Count, Elapsed.TotalSeconds, AllLatencies);
}
