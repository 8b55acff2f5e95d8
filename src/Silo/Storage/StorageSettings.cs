using System.Data.Common;
using Microsoft.Data.SqlClient;
using Npgsql;
using Truora.Silo.Hosting;

namespace Truora.Silo.Storage;

/// <summary>The storage the node runs on, read once from configuration and validated up front.</summary>
public sealed partial record StorageSettings(StorageKind Kind, string? ConnectionString, bool AutoMigrate)
{
    public const string KindKey = "Truora:Storage";
    public const string AutoMigrateKey = "Truora:Storage:AutoMigrate";
    public const string ConnectionStringName = "Orleans";
    public const string RuntimeRoleKey = "Truora:Storage:RuntimeRole";

    /// <summary>
    /// The database role the nodes run as, when it is not the schema's owner: <c>migrate</c> grants it what a node needs
    /// (<c>Sql/*-grants.sql</c>) and no more.
    /// </summary>
    public string? RuntimeRole { get; init; }

    public static StorageSettings Memory { get; } = new(StorageKind.Memory, null, false);

    /// <summary>The ADO.NET invariant the Orleans providers load their driver by.</summary>
    public string Invariant => Kind switch
    {
        StorageKind.Postgres => "Npgsql",
        StorageKind.SqlServer => "Microsoft.Data.SqlClient",
        _ => throw new InvalidOperationException($"Storage {Kind} has no ADO.NET invariant."),
    };

    public bool IsRelational => Kind is not StorageKind.Memory;

    public static StorageSettings Read(IConfiguration configuration)
    {
        // "Truora:Storage" is both a value (the kind) and a section (AutoMigrate), so it is read by hand.
        var kindText = configuration[KindKey];
        var kind = kindText?.Trim().ToUpperInvariant() switch
        {
            null or "" or "MEMORY" => StorageKind.Memory,
            "POSTGRES" or "POSTGRESQL" => StorageKind.Postgres,
            "SQLSERVER" => StorageKind.SqlServer,
            _ => throw new InvalidConfigurationException(
                $"{KindKey} (Truora__Storage) is '{kindText}'; use Memory, Postgres or SqlServer."),
        };

        var autoMigrateText = configuration[AutoMigrateKey];
        var autoMigrate = false;
        if (!string.IsNullOrWhiteSpace(autoMigrateText) && !bool.TryParse(autoMigrateText, out autoMigrate))
        {
            throw new InvalidConfigurationException(
                $"{AutoMigrateKey} (Truora__Storage__AutoMigrate) is '{autoMigrateText}'; use true or false.");
        }

        if (kind is StorageKind.Memory)
        {
            return Memory;
        }

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidConfigurationException(
                $"ConnectionStrings:{ConnectionStringName} (ConnectionStrings__Orleans) is required when {KindKey} is {kind}.");
        }

        var runtimeRole = configuration[RuntimeRoleKey];
        if (runtimeRole is not null && !RolePattern().IsMatch(runtimeRole))
        {
            throw new InvalidConfigurationException(
                $"{RuntimeRoleKey} (Truora__Storage__RuntimeRole) is '{runtimeRole}'; a role name is a lower-case letter or _ then up to 62 lower-case letters, digits or _ (PostgreSQL folds unquoted names to lower case).");
        }

        try
        {
            // Parse now so a malformed string fails here, naming the setting, and not in a provider's stack trace.
            if (kind is StorageKind.Postgres)
            {
                return Postgres(connectionString, autoMigrate) with { RuntimeRole = runtimeRole };
            }

            _ = new SqlConnectionStringBuilder(connectionString);
            return new StorageSettings(kind, connectionString, autoMigrate) { RuntimeRole = runtimeRole };
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new InvalidConfigurationException(
                $"ConnectionStrings:{ConnectionStringName} (ConnectionStrings__Orleans) is not a valid {kind} connection string: {ex.Message}");
        }
    }

    /// <summary>PostgreSQL through this Npgsql connection string, with the node's defaults where it sets none.</summary>
    public static StorageSettings Postgres(string connectionString, bool autoMigrate = false) =>
        new(StorageKind.Postgres, PostgresDefaults.Apply(connectionString), autoMigrate);

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial System.Text.RegularExpressions.Regex RolePattern();

    public DbConnection CreateConnection() => Kind switch
    {
        StorageKind.Postgres => new NpgsqlConnection(ConnectionString),
        StorageKind.SqlServer => new SqlConnection(ConnectionString),
        _ => throw new InvalidOperationException($"Storage {Kind} has no database connection."),
    };
}
