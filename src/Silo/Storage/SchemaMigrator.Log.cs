namespace Truora.Silo.Storage;

public sealed partial class SchemaMigrator
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Schema applied to the {Kind} database.")]
    private static partial void LogMigrated(ILogger logger, StorageKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Memory storage has no schema; nothing to migrate.")]
    private static partial void LogNothingToMigrate(ILogger logger);
}
