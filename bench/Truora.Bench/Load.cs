using System.Diagnostics;

namespace Truora.Bench;

/// <summary>The two ways the harness offers load: closed loop (saturation) and paced open loop (latency at a rate).</summary>
internal static class Load
{
    /// <summary>
    /// <paramref name="workers"/> loops call <paramref name="request"/> back to back for <paramref name="warmup"/> +
    /// <paramref name="seconds"/>, with distinct indexes 0, 1, 2… Calls started during the warm-up are not recorded;
    /// the warm-up and the measured window each make at most <paramref name="maxCount"/> calls, so indexes stay below
    /// twice that. The request returns whether it succeeded (it logs its own errors).
    /// </summary>
    public static async Task<PhaseResult> ClosedLoopAsync(
        string name, int workers, double warmup, double seconds, int maxCount,
        Func<int, CancellationToken, Task<bool>> request, CancellationToken cancel)
    {
        var next = -1;
        var warmupCalls = 0;
        var measuredCalls = 0;
        var measureFrom = Stopwatch.GetTimestamp() + Latencies.Ticks(warmup);
        var end = measureFrom + Latencies.Ticks(seconds);

        async Task<(List<long> Latencies, long Ok, long Failed, long LastDone)> WorkerAsync()
        {
            await Task.Yield();
            var latencies = new List<long>(4096);
            long ok = 0, failed = 0, lastDone = 0;
            while (!cancel.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                if (started >= end)
                {
                    break;
                }

                var inWarmup = started < measureFrom;
                if ((inWarmup ? Interlocked.Increment(ref warmupCalls) : Interlocked.Increment(ref measuredCalls)) > maxCount)
                {
                    if (inWarmup)
                    {
                        // The warm-up's share is spent: idle until the measured window opens.
                        await Task.Delay(TimeSpan.FromSeconds((measureFrom - started) / (double)Stopwatch.Frequency), cancel);
                        continue;
                    }

                    break;
                }

                var index = Interlocked.Increment(ref next);
                var succeeded = await request(index, cancel);
                var done = Stopwatch.GetTimestamp();
                if (started < measureFrom)
                {
                    continue;
                }

                lastDone = Math.Max(lastDone, done);
                if (succeeded)
                {
                    ok++;
                    latencies.Add(done - started);
                }
                else
                {
                    failed++;
                }
            }

            return (latencies, ok, failed, lastDone);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkerAsync()));
        var lastDone = results.Max(r => r.LastDone);

        // The window ends at the deadline, or earlier when maxCount ran out before it.
        var windowEnd = lastDone == 0 ? measureFrom : Math.Min(end, lastDone);
        var window = Math.Max(windowEnd - measureFrom, 1) / (double)Stopwatch.Frequency;
        return PhaseResult.FromSamples(name, results.Sum(r => r.Ok), results.Sum(r => r.Failed), window, results.SelectMany(r => r.Latencies));
    }

    /// <summary>
    /// Open loop: item i is due at start + i / <paramref name="rate"/>, whatever became of the earlier ones, with at
    /// most <paramref name="maxInFlight"/> running and nothing due after <paramref name="limitSeconds"/>. Each item is
    /// given its start time: when it was dispatched, or, when it had to wait for a free in-flight slot and so left
    /// more than a millisecond late, its due time. A node too slow to keep up is thereby charged with the wait
    /// (coordinated omission) instead of hiding it, while the timer's own millisecond of slop is not counted.
    /// Returns how many items were dispatched, the span from the first due time to the last dispatch (plus one
    /// interval), and how many were charged from their due time.
    /// </summary>
    public static async Task<(int Dispatched, double Seconds, int Late)> PacedAsync(
        int count, double rate, int maxInFlight, double limitSeconds,
        Func<int, long, CancellationToken, Task> item, CancellationToken cancel)
    {
        using var gate = new SemaphoreSlim(maxInFlight);
        var running = new List<Task>(count);
        var start = Stopwatch.GetTimestamp();
        var deadline = start + Latencies.Ticks(limitSeconds);
        var ticksPerItem = Stopwatch.Frequency / rate;
        var oneMillisecond = Stopwatch.Frequency / 1000;
        var late = 0;
        var lastDispatch = start;
        for (var i = 0; i < count && !cancel.IsCancellationRequested; i++)
        {
            var due = start + (long)(i * ticksPerItem);
            if (due > deadline)
            {
                break;
            }

            // Task.Delay has about a millisecond's resolution: anything due sooner goes now, up to 1 ms early.
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > oneMillisecond)
            {
                await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency), cancel);
            }

            var waitedForSlot = !gate.Wait(0);
            if (waitedForSlot)
            {
                await gate.WaitAsync(cancel);
            }

            lastDispatch = Stopwatch.GetTimestamp();
            var charged = waitedForSlot && lastDispatch - due > oneMillisecond;
            if (charged)
            {
                late++;
            }

            running.Add(RunAsync(i, charged ? due : lastDispatch));
        }

        await Task.WhenAll(running);
        return (running.Count, ((lastDispatch - start) / (double)Stopwatch.Frequency) + (1 / rate), late);

        async Task RunAsync(int index, long startedAt)
        {
            try
            {
                await item(index, startedAt, cancel);
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
