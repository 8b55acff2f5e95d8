namespace Truora.Grains.Tests.Faults;

/// <summary>
/// The switch of an <see cref="UnreachableWhenDownStorage"/>: while down, every read and write fails as a database's
/// would; while writes are held, each write waits until the test lets them through or fails them.
/// </summary>
public sealed class StorageOutage
{
    private volatile bool down;
    private volatile TaskCompletionSource<bool>? held;
    private int writesWaiting;

    public bool IsDown => down;

    /// <summary>How many writes wait on <see cref="HoldWrites"/> now.</summary>
    public int WritesWaiting => Volatile.Read(ref writesWaiting);

    public void Begin() => down = true;

    public void End() => down = false;

    public void HoldWrites() => held = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the held writes through, or fails them as a database that went away mid-write.</summary>
    public void ReleaseWrites(bool fail)
    {
        var releasing = held;
        held = null;
        releasing?.TrySetResult(!fail);
    }

    /// <summary>Waits while writes are held; false when they are to fail.</summary>
    internal async Task<bool> PassWriteAsync()
    {
        if (held is not { } gate)
        {
            return true;
        }

        Interlocked.Increment(ref writesWaiting);
        try
        {
            return await gate.Task;
        }
        finally
        {
            Interlocked.Decrement(ref writesWaiting);
        }
    }
}
