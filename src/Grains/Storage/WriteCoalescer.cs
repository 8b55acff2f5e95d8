namespace Truora.Grains.Storage;

/// <summary>
/// Runs one write at a time and coalesces callers: whoever asks while a write is in flight shares the single
/// write that follows it, which carries every change made until it starts. Grains whose methods interleave
/// need this, or overlapping writes of one state fail on their own ETag.
/// </summary>
public sealed class WriteCoalescer(Func<Task> write)
{
    private Task? running;
    private Task? queued;

    /// <summary>Completes once a write that began after this call has finished.</summary>
    public Task WriteAsync()
    {
        if (queued is not null)
        {
            return queued;
        }

        if (running is null || running.IsCompleted)
        {
            running = write();
            return running;
        }

        queued = WriteAfterAsync(running);
        return queued;
    }

    /// <summary>The last write asked for (waiting or in flight) until it completes; a completed task when idle.</summary>
    public Task InFlight => queued ?? (running is { IsCompleted: false } ? running : Task.CompletedTask);

    /// <summary>No write is in flight or waiting.</summary>
    public bool IsIdle => InFlight.IsCompleted;

    /// <summary>
    /// Drops the last write's task once it has finished: it holds its state machine, which an idle grain need not
    /// keep. For a quiet moment; the hot path does not pay for it.
    /// </summary>
    public void ForgetCompleted()
    {
        if (running is { IsCompleted: true })
        {
            running = null;
        }
    }

    private async Task WriteAfterAsync(Task previous)
    {
        try
        {
            await previous;
        }
        catch (Exception)
        {
            // The earlier write's callers observe its failure; this write still carries the newer changes.
        }

        queued = null;
        running = write();
        await running;
    }
}
