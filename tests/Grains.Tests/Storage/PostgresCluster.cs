using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Truora.Silo.Storage;
using Truora.Tests;

namespace Truora.Grains.Tests.Storage;

/// <summary>
/// Test clusters whose membership, grain state and reminders all live in the real PostgreSQL database,
/// wired by the node's own storage configuration.
/// </summary>
internal static class PostgresCluster
{
    public static async Task<TestCluster> StartAsync(string connectionString, string serviceId, short silos = 1)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ServiceId = serviceId;
        // A fresh cluster id per start: a cluster whose silos all died can sit in Joining when reused.
        builder.Options.ClusterId = TestPostgres.NewId("c");
        builder.Properties[StorageSettings.KindKey] = "Postgres";
        builder.Properties[$"ConnectionStrings:{StorageSettings.ConnectionStringName}"] = connectionString;
        builder.Properties["Truora:Reminders:MinimumReminderPeriod"] = "00:00:01";
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public static async Task MigrateAsync(string connectionString) =>
        await new SchemaMigrator(
                StorageSettings.Postgres(connectionString),
                Microsoft.Extensions.Logging.Abstractions.NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(TestContext.Current.CancellationToken);

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.UseTruoraStorage(StorageSettings.Read(siloBuilder.Configuration), siloBuilder.Configuration).AddTruoraGrains();
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
        {
            var settings = StorageSettings.Read(configuration);
            clientBuilder.UseAdoNetClustering(options =>
            {
                options.Invariant = settings.Invariant;
                options.ConnectionString = settings.ConnectionString;
            });
        }
    }
}
