using Orleans.Storage;
using Truora.Silo.Storage;

namespace Truora.Grains.Tests.Storage;

public sealed class SnapshotGrainStorageTests
{
    private readonly BinaryStateSerializer serializer = TestSerializers.Binary();

    [Fact]
    public async Task TheBytesWrittenAreTheStateWhenTheGrainAskedAlthoughItChangesBeforeTheProviderSerializes()
    {
        var provider = new LateSerializingStorage(serializer);
        var storage = new SnapshotGrainStorage(provider, serializer);
        var state = new GrainState<List<string>>(["a", "b"], "7") { RecordExists = true };

        var writing = storage.WriteStateAsync("conversation", GrainId.Create("conversation", "t/c1"), state);
        state.State!.Add("c"); // the grain's next turn, while its write waits for a connection
        provider.Connect();
        await writing;

        Assert.Equal(["a", "b"], serializer.Deserialize<List<string>>(provider.Written!));
        Assert.Equal("8", state.ETag);
        Assert.True(state.RecordExists);
    }

    [Fact]
    public async Task AFailedWriteLeavesTheGrainsETagAsItWas()
    {
        var provider = new LateSerializingStorage(serializer) { Conflict = true };
        var storage = new SnapshotGrainStorage(provider, serializer);
        var state = new GrainState<List<string>>(["a"], "7") { RecordExists = true };

        var writing = storage.WriteStateAsync("conversation", GrainId.Create("conversation", "t/c1"), state);
        provider.Connect();

        await Assert.ThrowsAsync<InconsistentStateException>(() => writing);
        Assert.Equal("7", state.ETag);
    }

    /// <summary>Serializes only after an await, as the ADO.NET provider does once it has opened a connection.</summary>
    private sealed class LateSerializingStorage(BinaryStateSerializer serializer) : IGrainStorage
    {
        private readonly TaskCompletionSource connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public BinaryData? Written { get; private set; }

        public bool Conflict { get; init; }

        public void Connect() => connected.SetResult();

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            await connected.Task;
            if (Conflict)
            {
                throw new InconsistentStateException("stale version", grainState.ETag, "9");
            }

            Written = serializer.Serialize(grainState.State);
            grainState.ETag = (int.Parse(grainState.ETag!, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;
    }
}
