namespace Truora.Silo.Storage;

/// <summary>Where the cluster keeps membership, grain state and reminders.</summary>
public enum StorageKind
{
    Memory,
    Postgres,
    SqlServer,
}
