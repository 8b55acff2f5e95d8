using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Storage;
using Truora.Grains.Storage;
using Truora.Silo.Storage;
using Truora.Tests;

namespace Truora.Grains.Tests.Storage;

/// <summary>
/// The per-message grains' storage on real PostgreSQL, as two nodes would use it: version checks as the ADO.NET
/// provider's ETags, a first write racing a first write, reads and writes of many grains sharing batches.
/// </summary>
public sealed class PostgresGroupCommitStorageTests : IAsyncLifetime
{
    private readonly string serviceId = TestPostgres.NewId("svc");
    private NpgsqlDataSource? database;
    private PostgresGroupCommitStorage? first;
    private PostgresGroupCommitStorage? second;

    public async ValueTask InitializeAsync()
    {
        if (TestPostgres.ConnectionStringOrNull is not { } connectionString)
        {
            return;
        }

        await PostgresCluster.MigrateAsync(connectionString);
        database = NpgsqlDataSource.Create(connectionString);
        first = Storage(database);
        second = Storage(database);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var storage in new[] { first, second })
        {
            if (storage is not null)
            {
                await storage.DisposeAsync();
            }
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task AStateWrittenByOneNodeIsReadByAnotherAndAStaleVersionIsRefused()
    {
        var (one, other) = Nodes();
        var grain = NewGrain();
        var written = new GrainState<ProbeState>(new ProbeState { Value = "first" });
        await one.WriteStateAsync("probe", grain, written);

        var read = new GrainState<ProbeState>(new ProbeState());
        await other.ReadStateAsync("probe", grain, read);
        Assert.True(read.RecordExists);
        Assert.Equal("first", read.State!.Value);
        Assert.Equal(written.ETag, read.ETag);

        read.State!.Value = "second";
        await other.WriteStateAsync("probe", grain, read);
        written.State!.Value = "stale";
        await Assert.ThrowsAsync<InconsistentStateException>(() => one.WriteStateAsync("probe", grain, written));

        var again = new GrainState<ProbeState>(new ProbeState());
        await one.ReadStateAsync("probe", grain, again);
        Assert.Equal("second", again.State!.Value);
    }

    [Fact]
    public async Task TwoFirstWritesOfOneStateAtOnceLeaveOneWinner()
    {
        var (one, other) = Nodes();
        var grain = NewGrain();
        var writes = new[] { one, other, one, other }
            .Select((storage, i) => Attempt(() => storage.WriteStateAsync("probe", grain, new GrainState<ProbeState>(new ProbeState { Value = $"w{i}" }))))
            .ToArray();
        var outcomes = await Task.WhenAll(writes);

        Assert.Equal(1, outcomes.Count(ok => ok));
        var read = new GrainState<ProbeState>(new ProbeState());
        await other.ReadStateAsync("probe", grain, read);
        Assert.Equal($"w{Array.IndexOf(outcomes, true)}", read.State!.Value);
    }

    [Fact]
    public async Task ManyGrainsShareBatchesAndEachKeepsItsOwnStateAndVersion()
    {
        var (one, _) = Nodes();
        var grains = Enumerable.Range(0, 200).Select(_ => NewGrain()).ToArray();
        var states = grains.Select((_, i) => new GrainState<ProbeState>(new ProbeState { Value = $"v{i}", ReminderFirings = i })).ToArray();
        await Task.WhenAll(grains.Select((grain, i) => one.WriteStateAsync("probe", grain, states[i])));
        await Task.WhenAll(grains.Select((grain, i) =>
        {
            states[i].State!.ReminderFirings += 1000;
            return one.WriteStateAsync("probe", grain, states[i]);
        }));

        var reads = grains.Select(_ => new GrainState<ProbeState>(new ProbeState())).ToArray();
        await Task.WhenAll(grains.Select((grain, i) => one.ReadStateAsync("probe", grain, reads[i])));
        for (var i = 0; i < grains.Length; i++)
        {
            Assert.Equal($"v{i}", reads[i].State!.Value);
            Assert.Equal(i + 1000, reads[i].State!.ReminderFirings);
            Assert.Equal("2", reads[i].ETag);
        }

        var missing = new GrainState<ProbeState>(new ProbeState());
        await one.ReadStateAsync("probe", NewGrain(), missing);
        Assert.False(missing.RecordExists);
        Assert.Null(missing.ETag);
    }

    [Fact]
    public async Task AClearedStateIsGoneAndMayBeWrittenAfresh()
    {
        var (one, other) = Nodes();
        var grain = NewGrain();
        var state = new GrainState<ProbeState>(new ProbeState { Value = "kept" });
        await one.WriteStateAsync("probe", grain, state);
        await one.ClearStateAsync("probe", grain, state);

        var read = new GrainState<ProbeState>(new ProbeState());
        await other.ReadStateAsync("probe", grain, read);
        Assert.False(read.RecordExists);
        await other.WriteStateAsync("probe", grain, new GrainState<ProbeState>(new ProbeState { Value = "again" }));
    }

    private (PostgresGroupCommitStorage One, PostgresGroupCommitStorage Other) Nodes()
    {
        TestPostgres.Require();
        return (first!, second!);
    }

    private PostgresGroupCommitStorage Storage(NpgsqlDataSource source) => new(
        source,
        Options.Create(new ClusterOptions { ServiceId = serviceId, ClusterId = "c" }),
        TestSerializers.Binary(),
        Options.Create(new GroupCommitOptions { Linger = TimeSpan.FromMilliseconds(5) }));

    private static GrainId NewGrain() => GrainId.Create("probe", $"t/{Guid.NewGuid():N}");

    private static async Task<bool> Attempt(Func<Task> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }
}
