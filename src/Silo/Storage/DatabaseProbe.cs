using System.Data.Common;

namespace Truora.Silo.Storage;

/// <summary>Answers whether the configured database can be reached and holds our schema.</summary>
public sealed class DatabaseProbe(StorageSettings settings)
{
    /// <summary>Null when the database answers with the schema in place, else a sentence saying what is wrong.</summary>
    public async Task<string?> FindProblemAsync(bool requireSchema, CancellationToken cancellationToken)
    {
        if (!settings.IsRelational)
        {
            return null;
        }

        try
        {
            await using var connection = settings.CreateConnection();
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = requireSchema ? "SELECT COUNT(*) FROM OrleansQuery" : "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return null;
        }
        catch (DbException ex) when (requireSchema && IsMissingTable(ex))
        {
            return $"The {settings.Kind} database of ConnectionStrings:Orleans has no Truora schema: run `dotnet run --project src/Silo -- migrate` or set Truora:Storage:AutoMigrate=true.";
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return $"Cannot reach the {settings.Kind} database of ConnectionStrings:Orleans: {ex.GetBaseException().Message}";
        }
    }

    // 42P01 is PostgreSQL's undefined_table; 208 is SQL Server's "Invalid object name".
    private static bool IsMissingTable(DbException ex) =>
        ex.SqlState == "42P01" || ex is Microsoft.Data.SqlClient.SqlException { Number: 208 };
}
