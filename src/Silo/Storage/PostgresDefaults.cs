using System.Data.Common;
using Npgsql;

namespace Truora.Silo.Storage;

/// <summary>
/// Npgsql settings the node's storage traffic wants, added where a connection string does not choose otherwise.
/// Only Npgsql here: the HTTP load harness compiles this file too (it references no src project), so its relay
/// on PostgreSQL runs with the node's settings.
/// <c>No Reset On Close</c>: by default every connection taken from the pool first runs seven statements
/// (RESET ALL, DISCARD TEMP, pg_advisory_unlock_all() …) that undo session state; Orleans' providers and
/// our migrator leave none (its lock is the transaction's), and with one grain write per pooled open
/// those statements were most of the statements PostgreSQL ran (BENCHMARKS.md).
/// <c>Max Auto Prepare</c>: the providers run a handful of statements over and over; prepared, they skip
/// PostgreSQL's parse and plan.
/// <c>Maximum Pool Size</c> 16 instead of Npgsql's 100: under load every grain write in flight held its own
/// connection, so PostgreSQL ran up to a hundred busy backends from one node, which contend for its cores
/// (and several nodes at 100 each exceed PostgreSQL's default <c>max_connections</c> of 100); with 16 the
/// writes queue in the pool instead, and first messages per second rose by a quarter to a half (BENCHMARKS.md).
/// </summary>
public static class PostgresDefaults
{
    /// <summary>Connections a node keeps to PostgreSQL at most, unless its connection string says otherwise.</summary>
    public const int PoolSize = 16;

    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(key => key.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!given.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 20;
        }

        if (!given.Contains("MaximumPoolSize") && !given.Contains("MaxPoolSize"))
        {
            builder.MaxPoolSize = PoolSize;
        }

        return builder.ConnectionString;
    }
}
