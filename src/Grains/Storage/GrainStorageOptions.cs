namespace Truora.Grains.Storage;

/// <summary>Whether grain state outlives the silo process: true for the relational providers, false in memory mode.</summary>
public sealed class GrainStorageOptions
{
    public bool Durable { get; set; }
}
