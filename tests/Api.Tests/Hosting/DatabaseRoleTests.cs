using Npgsql;
using Truora.Api.Tests.EndToEnd;
using Truora.Api.Tests.Faults;
using Truora.Tests;

namespace Truora.Api.Tests.Hosting;

/// <summary>
/// The schema's owner migrates and grants; the nodes run as a role of their own that may use the providers' tables
/// and nothing more: above all it may not rewrite the SQL the providers run.
/// </summary>
public sealed class DatabaseRoleTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ANodeRunsAsItsRuntimeRoleWhichCannotChangeTheQueries()
    {
        var owner = new NpgsqlConnectionStringBuilder(TestPostgres.Require());
        var database = TestPostgres.NewId("roles").Replace('-', '_');
        var role = TestPostgres.NewId("node").Replace('-', '_');
        await ExecuteAsync(owner.ConnectionString, $"CREATE DATABASE {database}", $"CREATE ROLE {role} LOGIN");
        owner.Database = database;
        var runtime = new NpgsqlConnectionStringBuilder(owner.ConnectionString) { Username = role };
        try
        {
            await using (var migrate = NodeProcess.Start(new Dictionary<string, string?>
            {
                ["Truora__Storage"] = "Postgres",
                ["ConnectionStrings__Orleans"] = owner.ConnectionString,
                ["Truora__Storage__RuntimeRole"] = role,
            }, "migrate"))
            {
                Assert.Equal(0, await migrate.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            }

            var environment = FaultNode.Environment(runtime.ConnectionString, TestPostgres.NewId("s"), TestPostgres.NewId("c"));
            environment["Truora__Storage__AutoMigrate"] = "false";
            await using var node = await FaultNode.StartAsync(environment);
            await using var graph = await GraphApiStandIn.StartAsync();
            var tenant = await FaultTenant.CreateAsync(node, graph, agents: 1);
            foreach (var text in new[] { "hi", "Ana", "1020304050" })
            {
                await tenant.DeliverAsync([node], "573007770001", text);
            }

            Assert.Single(await tenant.ConversationsAsync(node, 1));
            var rewrite = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(runtime.ConnectionString, "UPDATE OrleansQuery SET QueryText = QueryText"));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, rewrite.SqlState);
            var create = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(runtime.ConnectionString, "CREATE TABLE Intruder (Id int)"));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, create.SqlState);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            owner.Database = "postgres";
            await ExecuteAsync(owner.ConnectionString, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", $"DROP ROLE IF EXISTS {role}");
        }
    }

    private static async Task ExecuteAsync(string connectionString, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync(Cancel);
        }
    }
}
