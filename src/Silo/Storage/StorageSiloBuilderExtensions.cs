using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Serialization;
using Orleans.Serialization.Session;
using Orleans.Storage;
using Truora.Grains.Conversations.Records;
using Truora.Grains.Storage;
using Truora.Silo.Storage.Records;

namespace Truora.Silo.Storage;

/// <summary>
/// Clustering, grain state, reminders and the conversations' records on one backend: embedded memory for a
/// laptop, or the Orleans ADO.NET providers and our own tables over our own schema for PostgreSQL and SQL Server.
/// </summary>
public static class StorageSiloBuilderExtensions
{
    public static ISiloBuilder UseTruoraStorage(this ISiloBuilder silo, StorageSettings settings, IConfiguration configuration) =>
        silo.UseTruoraClustering(settings, configuration).AddTruoraPersistence(settings, configuration);

    public static ISiloBuilder UseTruoraClustering(this ISiloBuilder silo, StorageSettings settings, IConfiguration configuration)
    {
        // Loopback unless told otherwise: a node must never advertise an address nobody asked it to use.
        silo.Configure<EndpointOptions>(options => options.AdvertisedIPAddress ??= IPAddress.Loopback);
        // Orleans binds no membership timings from configuration; these are ours to tune (see README).
        silo.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));
        silo.Services.PostConfigure<ClusterOptions>(options =>
        {
            if (string.IsNullOrWhiteSpace(options.ClusterId)) options.ClusterId = "truora";
            if (string.IsNullOrWhiteSpace(options.ServiceId)) options.ServiceId = "truora";
        });

        if (!settings.IsRelational)
        {
            var primaryPort = configuration.GetValue<int?>("Truora:Cluster:PrimarySiloPort")
                ?? configuration.GetValue<int?>("Orleans:Endpoints:SiloPort")
                ?? EndpointOptions.DEFAULT_SILO_PORT;
            return silo.UseDevelopmentClustering(new IPEndPoint(IPAddress.Loopback, primaryPort));
        }

        return silo.UseAdoNetClustering(options =>
        {
            options.Invariant = settings.Invariant;
            options.ConnectionString = settings.ConnectionString;
        });
    }

    public static ISiloBuilder AddTruoraPersistence(this ISiloBuilder silo, StorageSettings settings, IConfiguration configuration)
    {
        silo.Configure<ReminderOptions>(configuration.GetSection("Truora:Reminders"));
        silo.Configure<GrainStorageOptions>(options => options.Durable = settings.IsRelational);
        silo.AddConversationRecords(settings);
        if (!settings.IsRelational)
        {
            return silo
                .StoreStateInOrleansBinary<MemoryGrainStorageOptions>()
                .AddMemoryGrainStorage(GrainStorage.Name)
                .SameStorageAs(GrainStorage.PerMessage, GrainStorage.Name)
                .AddMemoryGrainStorageAsDefault()
                .UseInMemoryReminderService();
        }

        return silo
            .StoreStateInOrleansBinary<AdoNetGrainStorageOptions>()
            .AddAdoNetGrainStorage(GrainStorage.Name, options => ConfigureStorage(options, settings))
            .AddAdoNetGrainStorageAsDefault(options => ConfigureStorage(options, settings))
            .SnapshotBeforeWrites(GrainStorage.Name)
            .SnapshotBeforeWrites(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)
            .AddPerMessageStorage(settings)
            .UseAdoNetReminderService(options =>
            {
                options.Invariant = settings.Invariant;
                options.ConnectionString = settings.ConnectionString;
            });
    }

    /// <summary>Makes <paramref name="name"/> another name of the provider registered as <paramref name="provider"/>.</summary>
    private static ISiloBuilder SameStorageAs(this ISiloBuilder silo, string name, string provider)
    {
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (services, _) => services.GetRequiredKeyedService<IGrainStorage>(provider));
        return silo;
    }

    /// <summary>
    /// The per-message grains' state: group-committed in PostgreSQL, where the database is the ingest's bottleneck;
    /// SQL Server keeps the ADO.NET provider for it until it has a group commit of its own.
    /// </summary>
    private static ISiloBuilder AddPerMessageStorage(this ISiloBuilder silo, StorageSettings settings)
    {
        if (settings.Kind is StorageKind.SqlServer)
        {
            return silo
                .AddAdoNetGrainStorage(GrainStorage.PerMessage, options => ConfigureStorage(options, settings))
                .SnapshotBeforeWrites(GrainStorage.PerMessage);
        }

        silo.Services.AddKeyedSingleton<IGrainStorage>(GrainStorage.PerMessage, (services, _) => new PostgresGroupCommitStorage(
            services.GetRequiredService<NpgsqlDataSource>(),
            services.GetRequiredService<IOptions<ClusterOptions>>(),
            new BinaryStateSerializer(services.GetRequiredService<Serializer>(), services.GetRequiredService<SerializerSessionPool>()),
            services.GetRequiredService<IOptions<GroupCommitOptions>>()));
        return silo;
    }

    /// <summary>
    /// The conversations' messages and list rows: our own tables beside the providers' in a database, grains
    /// holding them in memory mode.
    /// </summary>
    private static void AddConversationRecords(this ISiloBuilder silo, StorageSettings settings)
    {
        switch (settings.Kind)
        {
            case StorageKind.Postgres:
                silo.Services.AddSingleton(_ => NpgsqlDataSource.Create(settings.ConnectionString!));
                silo.Services.AddSingleton<IConversationRecords, PostgresConversationRecords>();
                break;
            case StorageKind.SqlServer:
                silo.Services.AddSingleton<IConversationRecords>(_ => new SqlServerConversationRecords(settings.ConnectionString!));
                break;
            default:
                // Memory mode: the grains' own default (MemoryConversationRecords, added by AddTruoraGrains). A commit
                // there is a grain call, not a round trip: lingering for company only adds latency (configuration,
                // bound after this, may still set it).
                silo.Services.Configure<GroupCommitOptions>(options => options.Linger = TimeSpan.Zero);
                break;
        }
    }

    /// <summary>
    /// Grain state in Orleans' own binary format rather than the providers' default JSON: every state write
    /// serializes the whole state, and the JSON serializer made that the biggest allocator of the hot paths
    /// (profiled in BENCHMARKS.md); the binary form is also several times smaller, in memory and in the database.
    /// Every stored type is already <c>[GenerateSerializer]</c> with ids, so it stays version tolerant.
    /// </summary>
    private static ISiloBuilder StoreStateInOrleansBinary<TOptions>(this ISiloBuilder silo)
        where TOptions : class, IStorageProviderSerializerOptions
    {
        silo.Services.AddSingleton<IConfigureOptions<TOptions>>(services => new ConfigureNamedOptions<TOptions>(
            name: null,
            options => options.GrainStorageSerializer = new BinaryStateSerializer(services.GetRequiredService<Serializer>(), services.GetRequiredService<SerializerSessionPool>())));
        return silo;
    }

    /// <summary>
    /// Replaces the ADO.NET provider registered as <paramref name="name"/> with the same provider behind a
    /// <see cref="SnapshotGrainStorage"/>. The provider's registration also made it a silo lifecycle participant
    /// by resolving this same key, so the wrapper, which passes that on, is the one initialized.
    /// </summary>
    private static ISiloBuilder SnapshotBeforeWrites(this ISiloBuilder silo, string name)
    {
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (services, key) => new SnapshotGrainStorage(
            AdoNetGrainStorageFactory.Create(services, (string)key!),
            (BinaryStateSerializer)services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>().Get((string)key!).GrainStorageSerializer));
        return silo;
    }

    private static void ConfigureStorage(AdoNetGrainStorageOptions options, StorageSettings settings)
    {
        options.Invariant = settings.Invariant;
        options.ConnectionString = settings.ConnectionString;
    }
}
