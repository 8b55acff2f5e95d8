using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Truora.Bench;

/// <summary>What pgbench reached: transactions per second and its own average latency.</summary>
internal sealed record PgBenchResult(double Tps, double AverageLatencyMs, int Clients, double Seconds);

/// <summary>
/// The PostgreSQL ceiling of issue 12: pgbench on the database the node stores in, each transaction one
/// single-row upsert of a payload about the size of a contact's state, for as long as the ingest window. The
/// node's ingest in PostgreSQL mode is compared with its rate. Its table is the harness's own and stays small.
/// </summary>
internal static partial class PgBench
{
    private const string Table = "truora_bench_upsert";

    private const string SetupScript = $"""
        CREATE TABLE IF NOT EXISTS {Table} (id integer PRIMARY KEY, payload text NOT NULL, version integer NOT NULL);
        """;

    private const string UpsertScript = $"""
        \set id random(1, 100000)
        INSERT INTO {Table} AS t (id, payload, version) VALUES (:id, repeat('x', 400), 1) ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload, version = t.version + 1;
        """;

    public static async Task<PgBenchResult> RunAsync(string connectionString, string executable, int clients, double seconds, CancellationToken cancel)
    {
        var directory = Directory.CreateTempSubdirectory("truora-pgbench-");
        try
        {
            var setup = Path.Combine(directory.FullName, "setup.sql");
            var upsert = Path.Combine(directory.FullName, "upsert.sql");
            await File.WriteAllTextAsync(setup, SetupScript, cancel);
            await File.WriteAllTextAsync(upsert, UpsertScript, cancel);
            await RunPgBenchAsync(executable, connectionString, ["-n", "-c", "1", "-t", "1", "-f", setup], cancel);
            var output = await RunPgBenchAsync(executable, connectionString,
                ["-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(clients, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture),
                 "-T", Math.Max(1, (int)Math.Round(seconds)).ToString(CultureInfo.InvariantCulture), "-f", upsert], cancel);
            var tps = TpsLine().Match(output);
            var latency = LatencyLine().Match(output);
            if (!tps.Success)
            {
                throw new InvalidOperationException($"pgbench printed no tps line:{Environment.NewLine}{output}");
            }

            return new PgBenchResult(
                double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture),
                latency.Success ? double.Parse(latency.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN,
                clients,
                seconds);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>pgbench on PATH, else PostgreSQL 15's Debian location.</summary>
    public static string DefaultExecutable()
    {
        const string Debian = "/usr/lib/postgresql/15/bin/pgbench";
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "pgbench"))
            .FirstOrDefault(File.Exists);
        return onPath ?? Debian;
    }

    /// <summary>Runs pgbench with the connection string's host, port, user and database; the password goes in PGPASSWORD.</summary>
    private static async Task<string> RunPgBenchAsync(string executable, string connectionString, string[] arguments, CancellationToken cancel)
    {
        var settings = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var start = Tool.Start(executable);
        AddArgument(start, settings, "-h", "Host", "Server");
        AddArgument(start, settings, "-p", "Port");
        AddArgument(start, settings, "-U", "Username", "User ID", "User Id", "UserId", "User");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (Setting(settings, "Database") is { } database)
        {
            start.ArgumentList.Add(database);
        }

        if (Setting(settings, "Password") is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        return await Tool.RunAsync(start, cancel);
    }

    private static void AddArgument(ProcessStartInfo start, DbConnectionStringBuilder settings, string flag, params string[] keys)
    {
        if (Setting(settings, keys) is { } value)
        {
            start.ArgumentList.Add(flag);
            start.ArgumentList.Add(value);
        }
    }

    private static string? Setting(DbConnectionStringBuilder settings, params string[] keys) =>
        keys.Select(key => settings.TryGetValue(key, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null)
            .FirstOrDefault(value => !string.IsNullOrEmpty(value));

    [GeneratedRegex(@"^tps = ([0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"^latency average = ([0-9.]+) ms", RegexOptions.Multiline)]
    private static partial Regex LatencyLine();
}
