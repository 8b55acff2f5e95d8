using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Providers;
using Orleans.Storage;
using Orleans.TestingHost;
using Truora.Grains.Storage;
using Truora.Silo.Storage;
using Truora.Tests;

namespace Truora.Grains.Tests.Storage;

/// <summary>PostgreSQL mode against the real database: schema, grain state, reminders and membership.</summary>
public sealed class PostgresStorageTests
{
    private static readonly TimeSpan ReminderWait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task MigratingTwiceLeavesEveryQueryInPlace()
    {
        var connectionString = TestPostgres.Require();

        await PostgresCluster.MigrateAsync(connectionString);
        var first = await ReadQueryKeysAsync(connectionString);
        await PostgresCluster.MigrateAsync(connectionString);
        var second = await ReadQueryKeysAsync(connectionString);

        Assert.Equal(first, second);
        Assert.Contains("CleanupDefunctSiloEntriesKey", second);
        Assert.Contains("WriteToStorageKey", second);
        Assert.Contains("UpsertReminderRowKey", second);
    }

    [Fact]
    public async Task GrainStateSurvivesAWholeClusterRestart()
    {
        var connectionString = TestPostgres.Require();
        await PostgresCluster.MigrateAsync(connectionString);
        var serviceId = TestPostgres.NewId("s");
        var key = $"t1/{Guid.NewGuid():N}";

        await using (var first = await PostgresCluster.StartAsync(connectionString, serviceId))
        {
            // Both names go through the wrapper that serializes at the call (SnapshotGrainStorageTests has why).
            var services = Assert.IsType<InProcessSiloHandle>(first.Silos[0]).SiloHost.Services;
            Assert.IsType<SnapshotGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name));
            Assert.IsType<SnapshotGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));

            var probe = first.Client.GetGrain<IProbeGrain>(key);
            await probe.SetAsync("one");
            await probe.SetAsync("two");
            await first.StopAllSilosAsync(TestContext.Current.CancellationToken);
        }

        await using var second = await PostgresCluster.StartAsync(connectionString, serviceId);
        var snapshot = await second.Client.GetGrain<IProbeGrain>(key).GetAsync();

        Assert.Equal("two", snapshot.Value);
    }

    [Fact]
    public async Task AReminderRegisteredBeforeAFullRestartFiresAfterIt()
    {
        var connectionString = TestPostgres.Require();
        await PostgresCluster.MigrateAsync(connectionString);
        var serviceId = TestPostgres.NewId("s");
        var key = $"t1/{Guid.NewGuid():N}";

        await using (var first = await PostgresCluster.StartAsync(connectionString, serviceId))
        {
            await first.Client.GetGrain<IProbeGrain>(key).ScheduleOnceAsync(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5));
            Assert.Equal(0, (await first.Client.GetGrain<IProbeGrain>(key).GetAsync()).ReminderFirings);
            await first.StopAllSilosAsync(TestContext.Current.CancellationToken);
        }

        await using var second = await PostgresCluster.StartAsync(connectionString, serviceId);
        var probe = second.Client.GetGrain<IProbeGrain>(key);
        var snapshot = await Poll.UntilAsync(() => probe.GetAsync(), read => read.ReminderFirings > 0, "the reminder to fire after the restart", ReminderWait);

        Assert.Equal(1, snapshot.ReminderFirings);
        Assert.Equal(0, await CountRemindersAsync(connectionString, serviceId));
    }

    [Fact]
    public async Task TwoSilosJoinOneClusterThroughTheMembershipTable()
    {
        var connectionString = TestPostgres.Require();
        await PostgresCluster.MigrateAsync(connectionString);

        await using var cluster = await PostgresCluster.StartAsync(connectionString, TestPostgres.NewId("s"), silos: 2);
        var hosts = await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, TestContext.Current.CancellationToken);

        Assert.Equal(2, hosts.Count);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = @cluster AND Status = 3", connection);
        command.Parameters.AddWithValue("cluster", cluster.Options.ClusterId);
        Assert.Equal(2L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<SortedSet<string>> ReadQueryKeysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static async Task<long> CountRemindersAsync(string connectionString, string serviceId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM OrleansRemindersTable WHERE ServiceId = @service", connection);
        command.Parameters.AddWithValue("service", serviceId);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
