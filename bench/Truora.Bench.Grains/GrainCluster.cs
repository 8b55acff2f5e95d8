using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.TestingHost;
using Truora.Grains;
using Truora.Silo.Storage;

namespace Truora.Bench.Grains;

/// <summary>
/// The real grains in an in-process test cluster: every silo, the client and (in memory mode) the grain storage live
/// in this process and talk over Orleans' in-memory transport (messages are still serialized between silos and client).
/// Membership is the test cluster's own either way; only grain state and reminders move to a database.
/// </summary>
internal sealed class GrainCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster cluster;
    private readonly LogGate logs;

    private GrainCluster(InProcessTestCluster cluster, LogGate logs)
    {
        this.cluster = cluster;
        this.logs = logs;
    }

    public IClusterClient Client => cluster.Client;

    /// <summary>
    /// Starts <paramref name="silos"/> silos with the node's grains on <paramref name="storage"/> (the node's memory
    /// storage when null; the database's schema must be in place). With
    /// <paramref name="keepActivations"/> no activation is collected while the process runs: the memory mode
    /// measures conversations that stay active, and loading 100,000 of them can outlast the default idle age.
    /// </summary>
    public static async Task<GrainCluster> StartAsync(
        int silos, bool keepActivations, StorageSettings? storage = null)
    {
        var builder = new InProcessTestClusterBuilder((short)silos);
        var logs = new LogGate();
        // No trace files in the working directory; warnings and errors go to stderr, away from the report on stdout.
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureHost(host => host.Logging
            .AddFilter((_, level) => logs.Open && level >= LogLevel.Warning)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddTruoraPersistence(storage ?? StorageSettings.Memory, silo.Configuration).AddTruoraGrains();
            if (keepActivations)
            {
                silo.Configure<GrainCollectionOptions>(options =>
                {
                    options.CollectionAge = TimeSpan.FromDays(2);
                    options.EnableActivationSheddingOnMemoryPressure = false;
                });
            }
        });

        var built = builder.Build();
        await built.DeployAsync();
        return new GrainCluster(built, logs);
    }

    /// <summary>Activations per grain type across the cluster, most first (Orleans' own grains included).</summary>
    public async Task<IReadOnlyList<(string GrainType, int Count)>> ActivationsAsync()
    {
        var statistics = await Client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return [.. statistics
            .GroupBy(statistic => statistic.GrainType, StringComparer.Ordinal)
            .Select(group => (group.Key, group.Sum(statistic => statistic.ActivationCount)))
            .OrderByDescending(entry => entry.Item2)];
    }

    /// <summary>Asks every silo to deactivate each activation idle for at least <paramref name="idle"/>.</summary>
    public Task ForceActivationCollectionAsync(TimeSpan idle) =>
        Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(idle);

    public async ValueTask DisposeAsync()
    {
        // The report is out. Silos stop one after another, so grains deactivating on the last ones fail to save to
        // memory storage grains already gone; that is expected here and not worth pages of warnings.
        logs.Open = false;
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }

    /// <summary>Lets the silos' and client's log lines through until the cluster shuts down.</summary>
    private sealed class LogGate
    {
        public volatile bool Open = true;
    }
}
