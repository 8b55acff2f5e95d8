using System.Data.Common;

namespace Truora.Silo.Storage;

/// <summary>
/// Applies the schema script. The scripts are idempotent, and the whole run holds a database-wide lock,
/// so several nodes starting with AutoMigrate at once apply it one after another.
/// </summary>
public sealed partial class SchemaMigrator(StorageSettings settings, ILogger<SchemaMigrator> logger)
{
    // An arbitrary constant shared by every node: the key of the PostgreSQL advisory lock.
    private const long PostgresLockKey = 0x7472756F7261;

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (!settings.IsRelational)
        {
            LogNothingToMigrate(logger);
            return;
        }

        var script = SchemaScripts.Load(settings.Kind);
        await using var connection = settings.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        if (settings.RuntimeRole is { } role)
        {
            script += "\n" + (settings.Kind is StorageKind.SqlServer ? "GO\n" : "") + SchemaScripts.Grants(settings.Kind, role);
        }

        if (settings.Kind is StorageKind.Postgres)
        {
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgresLockKey});", cancellationToken);
            await ExecuteAsync(connection, transaction, script, cancellationToken);
        }
        else
        {
            await ExecuteAsync(connection, transaction,
                "EXEC sp_getapplock @Resource = 'truora-schema', @LockMode = 'Exclusive', @LockOwner = 'Transaction';",
                cancellationToken);
            foreach (var batch in SchemaScripts.SplitBatches(script))
            {
                await ExecuteAsync(connection, transaction, batch, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        LogMigrated(logger, settings.Kind);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 120;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
