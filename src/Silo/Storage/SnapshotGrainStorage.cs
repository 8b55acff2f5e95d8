using Orleans.Storage;

namespace Truora.Silo.Storage;

/// <summary>
/// Serializes a grain's state when the grain asks for the write, then hands the bytes to the ADO.NET provider.
/// The provider serializes only once it holds an open connection, on a pool thread: by then the grain has moved on,
/// and our grains do by design (a write in flight while an interleaved call or a timer changes the state, which the
/// next coalesced write carries). Serializing there raced the grain's own turns: "Collection was modified" on an
/// agent's inbox under load, or worse, bytes torn between two versions of a list. Memory storage serializes at the
/// call already, so only the relational providers are wrapped.
/// </summary>
public sealed class SnapshotGrainStorage(IGrainStorage provider, BinaryStateSerializer serializer)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        provider.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Before the first await: the grain's turn is still running, so these bytes are the state it wrote.
        var snapshot = new GrainState<SerializedState>(new SerializedState(serializer.Serialize(grainState.State)), grainState.ETag)
        {
            RecordExists = grainState.RecordExists,
        };
        await provider.WriteStateAsync(stateName, grainId, snapshot);
        grainState.ETag = snapshot.ETag;
        grainState.RecordExists = snapshot.RecordExists;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        provider.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) =>
        (provider as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}

/// <summary>A state already serialized by <see cref="SnapshotGrainStorage"/>; <see cref="BinaryStateSerializer"/> writes its bytes as they are.</summary>
public sealed record SerializedState(BinaryData Payload);
