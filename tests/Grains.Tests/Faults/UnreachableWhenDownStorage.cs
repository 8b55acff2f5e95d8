using System.Data.Common;
using Orleans.Storage;

namespace Truora.Grains.Tests.Faults;

/// <summary>Grain storage that fails (or holds) calls as its <see cref="StorageOutage"/> says, and passes them through otherwise.</summary>
public sealed class UnreachableWhenDownStorage(IGrainStorage storage, StorageOutage outage) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        outage.IsDown ? Fail() : storage.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (outage.IsDown || !await outage.PassWriteAsync())
        {
            await Fail();
        }

        await storage.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        outage.IsDown ? Fail() : storage.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) => (storage as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    private static Task Fail() => Task.FromException(new DatabaseDownException());

    /// <summary>What a driver throws with its server gone: Npgsql's and SqlClient's exceptions are <see cref="DbException"/>s too.</summary>
    [GenerateSerializer]
    public sealed class DatabaseDownException() : DbException("Failed to connect: the test stopped the database.");
}
