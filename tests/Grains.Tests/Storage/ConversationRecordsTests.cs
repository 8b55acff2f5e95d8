using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;
using Truora.Grains.Conversations.Records;
using Truora.Silo.Storage;
using Truora.Silo.Storage.Records;
using Truora.Tests;

namespace Truora.Grains.Tests.Storage;

/// <summary>The memory mode's records, held by grains of a 2-silo cluster and asked through each silo.</summary>
public sealed class MemoryConversationRecordsTests(MemoryRecordsCluster fixture) : ConversationRecordsContract, IClassFixture<MemoryRecordsCluster>
{
    protected override IConversationRecords Node => fixture.First;

    protected override IConversationRecords OtherNode => fixture.Second;
}

/// <summary>The PostgreSQL records, two data sources (two nodes' pools) on one real database.</summary>
public sealed class PostgresConversationRecordsTests(PostgresRecordsDatabase fixture) : ConversationRecordsContract, IClassFixture<PostgresRecordsDatabase>
{
    protected override IConversationRecords Node => fixture.First;

    protected override IConversationRecords OtherNode => fixture.Second;
}

public sealed class MemoryRecordsCluster : IAsyncLifetime
{
    private InProcessTestCluster cluster = null!;

    public IConversationRecords First { get; private set; } = null!;

    public IConversationRecords Second { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureSilo((_, silo) => silo.AddTruoraPersistence(StorageSettings.Memory, silo.Configuration).AddTruoraGrains());
        cluster = builder.Build();
        await cluster.DeployAsync();
        First = new MemoryConversationRecords(cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainFactory>());
        Second = new MemoryConversationRecords(cluster.Silos[1].ServiceProvider.GetRequiredService<IGrainFactory>());
    }

    public async ValueTask DisposeAsync() => await cluster.DisposeAsync();
}

/// <summary>Skips (or, under CI, fails) each test without TRUORA_TEST_POSTGRES: the sources are made on first use.</summary>
public sealed class PostgresRecordsDatabase : IAsyncDisposable
{
    private NpgsqlDataSource? first;
    private NpgsqlDataSource? second;

    public IConversationRecords First => new PostgresConversationRecords(Ensure().First);

    public IConversationRecords Second => new PostgresConversationRecords(Ensure().Second);

    private (NpgsqlDataSource First, NpgsqlDataSource Second) Ensure()
    {
        if (first is null || second is null)
        {
            var connectionString = TestPostgres.Require();
            PostgresCluster.MigrateAsync(connectionString).GetAwaiter().GetResult();
            first = NpgsqlDataSource.Create(connectionString);
            second = NpgsqlDataSource.Create(connectionString);
        }

        return (first, second);
    }

    public async ValueTask DisposeAsync()
    {
        if (first is not null)
        {
            await first.DisposeAsync();
        }

        if (second is not null)
        {
            await second.DisposeAsync();
        }
    }
}
