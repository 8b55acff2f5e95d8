using System.ComponentModel.DataAnnotations;

namespace Truora.Grains.Storage;

/// <summary>The group commit's knobs (<c>Truora:Storage:GroupCommit</c>), one set for every batcher of a silo.</summary>
public sealed class GroupCommitOptions
{
    public const string Section = "Truora:Storage:GroupCommit";

    /// <summary>How long a batch waits for more writes once the first has come: latency paid for fewer round trips.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:00.100")]
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>The most writes one round trip carries.</summary>
    [Range(1, 4_096)]
    public int MaxBatch { get; set; } = 256;

    /// <summary>Batches committing at once: the next one is gathered while one is on the wire.</summary>
    [Range(1, 16)]
    public int BatchesInFlight { get; set; } = 2;

    /// <summary>Writes waiting beyond this make their callers wait for room: memory stays bounded when the database is slow.</summary>
    [Range(1, 1_048_576)]
    public int MaxQueued { get; set; } = 16_384;

    /// <summary>How long a stopping silo waits for queued writes to commit.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
