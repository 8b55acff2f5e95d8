namespace Truora.Grains.Storage;

/// <summary>The grain storage providers Truora grains persist through.</summary>
public static class GrainStorage
{
    /// <summary>
    /// One named provider for the whole model: the silo maps it to memory, PostgreSQL or SQL Server.
    /// Grain types still need distinct state names, because ADO.NET rows are keyed by key + state name.
    /// </summary>
    public const string Name = "truora";

    /// <summary>
    /// The provider of the grains written with every message (contacts and conversations): in PostgreSQL their writes
    /// and reads are group-committed with those of the silo's other grains, a round trip shared by many first
    /// messages; in memory and SQL Server it is the same provider as <see cref="Name"/>.
    /// </summary>
    public const string PerMessage = "truora-per-message";
}
