using System.Text.RegularExpressions;
using Truora.Silo.Storage;

namespace Truora.Grains.Tests.Storage;

/// <summary>SQL Server cannot run here, so its script is held to the PostgreSQL one, which CI runs for real.</summary>
public sealed partial class SchemaScriptTests
{
    [Fact]
    public void SqlServerScriptDefinesTheSameQueryKeysAsPostgres()
    {
        var postgres = QueryKeys(SchemaScripts.Load(StorageKind.Postgres));
        var sqlServer = QueryKeys(SchemaScripts.Load(StorageKind.SqlServer));

        Assert.Equal(20, postgres.Count);
        Assert.Equal(postgres, sqlServer);
    }

    [Fact]
    public void SqlServerScriptSplitsIntoBatchesWithoutGoLines()
    {
        var batches = SchemaScripts.SplitBatches(SchemaScripts.Load(StorageKind.SqlServer));

        Assert.True(batches.Count > 1);
        Assert.DoesNotContain(batches, batch => GoLine().IsMatch(batch));
    }

    private static SortedSet<string> QueryKeys(string script) =>
        new(KeyLiteral().Matches(script).Select(match => match.Groups["key"].Value), StringComparer.Ordinal);

    [GeneratedRegex(@"N?'(?<key>[A-Za-z0-9]+Key)'")]
    private static partial Regex KeyLiteral();

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoLine();
}
