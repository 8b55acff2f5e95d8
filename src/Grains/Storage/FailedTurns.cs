namespace Truora.Grains.Storage;

/// <summary>
/// What a grain does with a turn (a call or a timer tick) that failed: it may have left memory ahead of storage (a
/// change made, its write failed), so the activation is discarded rather than repaired. It is deactivated as soon as
/// it is idle, the runtime hands later calls to a fresh activation that starts from what storage holds, and the grain
/// checks <see cref="Discarded"/> to write or publish nothing more from this one. Reading storage back to undo the
/// change would fail exactly when storage is what failed.
/// </summary>
public sealed class FailedTurns(IGrainBase grain)
{
    public bool Discarded { get; private set; }

    /// <summary>For the grain's own <see cref="IIncomingGrainCallFilter"/>: runs the call, discarding on failure.</summary>
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

    /// <summary>For a timer's tick, which is no call and passes no filter.</summary>
    public async Task RunAsync(Func<Task> tick)
    {
        try
        {
            await tick();
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
