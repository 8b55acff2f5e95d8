namespace Truora.Grains.Storage;

/// <summary>The grain storage provider every Truora grain persists through.</summary>
public static class GrainStorage
{
    /// <summary>
    /// One named provider for the whole model: the silo maps it to memory, PostgreSQL or SQL Server.
    /// Grain types still need distinct state names, because ADO.NET rows are keyed by key + state name.
    /// </summary>
    public const string Name = "truora";
}
