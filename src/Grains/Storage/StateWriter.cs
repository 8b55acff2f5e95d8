namespace Truora.Grains.Storage;

/// <summary>The <see cref="WriteCoalescer"/> of one persistent state.</summary>
public sealed class StateWriter<T>(IPersistentState<T> state)
{
    private readonly WriteCoalescer coalescer = new(state.WriteStateAsync);

    public Task WriteAsync() => coalescer.WriteAsync();

    /// <inheritdoc cref="WriteCoalescer.ForgetCompleted"/>
    public void ForgetCompleted() => coalescer.ForgetCompleted();
}
