namespace Truora.Silo.Storage;

/// <summary>The project's own schema scripts, embedded in the node so `migrate` needs no files beside it.</summary>
public static class SchemaScripts
{
    public static string Load(StorageKind kind) => LoadEmbedded(kind, "");

    /// <summary>The grants of a node's runtime role, its name quoted for the database (validated by <see cref="StorageSettings"/>).</summary>
    public static string Grants(StorageKind kind, string role) =>
        LoadEmbedded(kind, "-grants").Replace("{role}", kind is StorageKind.Postgres ? $"\"{role}\"" : $"[{role}]", StringComparison.Ordinal);

    private static string LoadEmbedded(StorageKind kind, string suffix)
    {
        var name = kind switch
        {
            StorageKind.Postgres => $"Truora.Storage.postgres{suffix}.sql",
            StorageKind.SqlServer => $"Truora.Storage.sqlserver{suffix}.sql",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Memory storage has no schema."),
        };

        using var stream = typeof(SchemaScripts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The schema script {name} is not embedded in {typeof(SchemaScripts).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>SQL Server scripts are split into batches on lines holding only GO, as sqlcmd does.</summary>
    public static IReadOnlyList<string> SplitBatches(string script)
    {
        var batches = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var line in script.Split('\n'))
        {
            if (line.Trim().Equals("GO", StringComparison.OrdinalIgnoreCase))
            {
                AddBatch();
                continue;
            }

            current.Append(line).Append('\n');
        }

        AddBatch();
        return batches;

        void AddBatch()
        {
            var batch = current.ToString();
            if (!string.IsNullOrWhiteSpace(batch))
            {
                batches.Add(batch);
            }

            current.Clear();
        }
    }
}
