using Orleans.Storage;

namespace Truora.Grains.Storage;

/// <summary>
/// What a grain does with a turn (a call, a reminder or a timer tick: all pass its call filter) that failed: it may
/// have left memory ahead of storage (a change made, its write failed), so the activation is discarded rather than
/// repaired. It is deactivated as soon as it is idle, and the runtime hands later calls to a fresh activation that
/// starts from what storage holds. Until then nothing of it may reach storage: a write already queued behind the
/// failed one, an interleaved call or a timer tick would otherwise commit the failed turn's half-made changes, so
/// every write goes through <see cref="WriteAsync"/>, which refuses once the activation is discarded. Reading storage
/// back to undo the change instead would fail exactly when storage is what failed.
/// </summary>
public sealed class FailedTurns(IGrainBase grain)
{
    public bool Discarded { get; private set; }

    /// <summary>For the grain's own <see cref="IIncomingGrainCallFilter"/>: runs the turn, discarding on failure.</summary>
    public async Task InvokeAsync(IIncomingGrainCallContext call)
    {
        try
        {
            await call.Invoke();
        }
        catch
        {
            Discard();
            throw;
        }
    }

    /// <summary>Runs one of the grain's writes: refused once discarded, and a failure discards.</summary>
    public async Task WriteAsync(Func<Task> write)
    {
        if (Discarded)
        {
            throw new InconsistentStateException("A failed write discarded this activation; the call is retried on a fresh one.");
        }

        try
        {
            await write();
        }
        catch
        {
            Discard();
            throw;
        }
    }

    private void Discard()
    {
        Discarded = true;
        grain.DeactivateOnIdle();
    }
}
