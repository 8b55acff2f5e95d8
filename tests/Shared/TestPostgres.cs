namespace Truora.Tests;

/// <summary>
/// The PostgreSQL database tests run against, from TRUORA_TEST_POSTGRES. Without it the test is skipped
/// with the reason, except under CI=true, where a missing database is a failure and never a silent skip.
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "TRUORA_TEST_POSTGRES";

    public static string? ConnectionStringOrNull => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static string Require()
    {
        if (ConnectionStringOrNull is { } connectionString)
        {
            return connectionString;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"CI=true but {Variable} is not set: the PostgreSQL tests must run in CI (.ci/run starts a database).");
        }

        Assert.Skip($"{Variable} is not set; set it to an Npgsql connection string (or run .ci/run) to test PostgreSQL mode.");
        return null!;
    }

    /// <summary>A fresh id so runs and tests sharing one database never read each other's rows.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 40)];
}
