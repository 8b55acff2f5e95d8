using System.Diagnostics;

namespace Truora.Tests;

/// <summary>
/// A PostgreSQL server of a test's own, in a temporary directory and reached through a Unix socket there (no TCP port
/// to race other tests for, also when it is started again), for tests that stop and start the database under a node:
/// the shared database of the other tests must never go down. Made with the machine's PostgreSQL 15 binaries (run as
/// the <c>postgres</c> user when the tests run as root). Like every PostgreSQL test it runs when TRUORA_TEST_POSTGRES
/// is set (skipped otherwise, a failure under CI=true); without the binaries it is skipped, or fails under CI=true.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private const string Binaries = "/usr/lib/postgresql/15/bin";

    /// <summary>Only names the socket file (<c>.s.PGSQL.5432</c>): the server listens on no TCP port.</summary>
    private const int SocketPort = 5432;

    private readonly string directory;

    private PostgresServer(string directory) => this.directory = directory;

    public string ConnectionString => $"Host={directory};Port={SocketPort};Username=postgres;Database=postgres;Timeout=5";

    public static async Task<PostgresServer> StartAsync()
    {
        TestPostgres.Require();
        if (!File.Exists(Path.Combine(Binaries, "initdb")))
        {
            var reason = $"PostgreSQL's binaries are not in {Binaries}: this test starts and stops a database of its own.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail("CI=true but " + reason);
            }

            Assert.Skip(reason);
        }

        var directory = Directory.CreateTempSubdirectory("truora-pg-").FullName;
        var server = new PostgresServer(directory);
        try
        {
            if (IsRoot)
            {
                await RunAsync("chown", "-R", "postgres:postgres", directory);
            }

            await server.RunAsPostgresAsync("initdb", "-D", server.DataDirectory, "-U", "postgres", "-E", "UTF8", "--locale=C", "-N", "--auth=trust");
            await server.StartAgainAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private string DataDirectory => Path.Combine(directory, "data");

    /// <summary>Starts the stopped server again on the same port and data, and waits until it takes connections.</summary>
    public Task StartAgainAsync() =>
        RunAsPostgresAsync("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "-o",
            $"-c listen_addresses='' -p {SocketPort} -k {directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");

    /// <summary>Stops it as an operator's <c>pg_ctl -m fast stop</c> does: open connections are terminated.</summary>
    public Task StopAsync() => RunAsPostgresAsync("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                await RunAsPostgresAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
            }
            catch (InvalidOperationException)
            {
                // Already down; the directory goes anyway.
            }
        }

        Directory.Delete(directory, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task RunAsPostgresAsync(string tool, params string[] arguments) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Binaries, tool), .. arguments])
            : RunAsync(Path.Combine(Binaries, tool), arguments);

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await errors}");
        }
    }
}
