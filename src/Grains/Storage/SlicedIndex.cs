using System.Diagnostics.CodeAnalysis;
using Orleans.Storage;

namespace Truora.Grains.Storage;

/// <summary>
/// An index that grows with traffic (a day's conversations, an agent's conversations), kept as a dictionary in a
/// fixed number of storage records of its own, its slices, chosen by a stable hash of the key. A change marks its
/// slice, and a save writes only the marked slices (coalesced, a few at a time): the cost of a change stays flat
/// however large the index grows, where one state would rewrite every entry each time. A small manifest record
/// lists the slices ever written, so an index with few entries reads a few records when it activates, not every
/// slice; a slice is first written only after a manifest naming it is stored, so no stored entry is ever unlisted.
/// </summary>
public sealed class SlicedIndex<TValue>
{
    private readonly IGrainStorage storage;
    private readonly string stateName;
    private readonly GrainType sliceType;
    private readonly string ownerKey;
    private readonly int storageCallsAtOnce;
    /// <summary>Made when first loaded or changed: an empty day index of 512 slices costs nothing until written.</summary>
    private readonly GrainState<IndexSlice<TValue>>?[] slices;
    private readonly DirtyRecords dirty;
    private readonly GrainState<IndexManifest> manifest = new(new IndexManifest());

    /// <summary>Slices a stored manifest names: their changes can be written.</summary>
    private readonly HashSet<int> listed = [];

    /// <summary>Slices changed for the first time, waiting for a stored manifest to name them.</summary>
    private readonly HashSet<int> unlisted = [];
    private readonly WriteCoalescer manifestWriter;

    /// <param name="ownerKey">The owning grain's key: slice <c>i</c> is stored as <c>{ownerKey}/{i}</c> of <paramref name="sliceType"/>.</param>
    /// <param name="storageCallsAtOnce">
    /// How many slices are read or written at the same time: many indexes activating together must not exhaust the
    /// database's connections (64 reads each at once did, three nodes listing several days).
    /// </param>
    public SlicedIndex(IGrainStorage storage, string stateName, GrainType sliceType, string ownerKey, int sliceCount, int storageCallsAtOnce)
    {
        this.storage = storage;
        this.stateName = stateName;
        this.sliceType = sliceType;
        this.ownerKey = ownerKey;
        this.storageCallsAtOnce = storageCallsAtOnce;
        slices = new GrainState<IndexSlice<TValue>>?[sliceCount];
        dirty = new DirtyRecords(index => storage.WriteStateAsync(stateName, SliceId(index), Slice(index)), storageCallsAtOnce);
        manifestWriter = new WriteCoalescer(WriteManifestAsync);
    }

    public IEnumerable<TValue> Values => slices.OfType<GrainState<IndexSlice<TValue>>>().SelectMany(slice => slice.State!.Entries.Values);

    public async Task LoadAsync()
    {
        await storage.ReadStateAsync(stateName, ManifestId, manifest);
        manifest.State ??= new IndexManifest();
        listed.UnionWith(manifest.State.Slices);
        foreach (var chunk in manifest.State.Slices.Where(index => index < slices.Length).Chunk(storageCallsAtOnce))
        {
            await Task.WhenAll(chunk.Select(async index =>
            {
                var slice = new GrainState<IndexSlice<TValue>>(new IndexSlice<TValue>());
                await storage.ReadStateAsync(stateName, SliceId(index), slice);
                slice.State ??= new IndexSlice<TValue>();
                slices[index] = slice;
            }));
        }
    }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
    {
        value = default;
        return slices[SliceOf(key)] is { } slice && slice.State!.Entries.TryGetValue(key, out value);
    }

    /// <summary>Sets the entry in memory; false when it held an equal value already, so there is nothing to store.</summary>
    public bool Set(string key, TValue value)
    {
        var index = SliceOf(key);
        var entries = Slice(index).State!.Entries;
        if (entries.TryGetValue(key, out var known) && EqualityComparer<TValue>.Default.Equals(known, value))
        {
            return false;
        }

        entries[key] = value;
        Mark(index);
        return true;
    }

    public bool Remove(string key, [MaybeNullWhen(false)] out TValue value)
    {
        var index = SliceOf(key);
        value = default;
        if (slices[index] is not { } slice || !slice.State!.Entries.Remove(key, out value))
        {
            return false;
        }

        Mark(index);
        return true;
    }

    public void Clear()
    {
        for (var index = 0; index < slices.Length; index++)
        {
            if (slices[index]?.State!.Entries is { Count: > 0 } entries)
            {
                entries.Clear();
                Mark(index);
            }
        }
    }

    /// <summary>Writes the slices changed since the last save (the manifest first, when it names new ones).</summary>
    public async Task SaveAsync()
    {
        if (unlisted.Count > 0)
        {
            await manifestWriter.WriteAsync();
        }

        await dirty.SaveAsync();
    }

    private void Mark(int index)
    {
        if (listed.Contains(index))
        {
            dirty.Mark(index);
        }
        else
        {
            unlisted.Add(index);
        }
    }

    /// <summary>Lists the new slices, and once that is stored, lets their own writes go.</summary>
    private async Task WriteManifestAsync()
    {
        var waiting = unlisted.ToArray();
        unlisted.Clear();
        var added = waiting.Where(manifest.State!.Slices.Add).ToArray();
        if (added.Length > 0)
        {
            try
            {
                await storage.WriteStateAsync(stateName, ManifestId, manifest);
            }
            catch
            {
                manifest.State.Slices.ExceptWith(added);
                unlisted.UnionWith(waiting);
                throw;
            }

            listed.UnionWith(added);
        }

        foreach (var index in waiting)
        {
            dirty.Mark(index);
        }
    }

    private GrainState<IndexSlice<TValue>> Slice(int index) => slices[index] ??= new(new IndexSlice<TValue>());

    private GrainId ManifestId => GrainId.Create(sliceType, IdSpan.Create($"{ownerKey}/manifest"));

    private GrainId SliceId(int index) => GrainId.Create(sliceType, IdSpan.Create($"{ownerKey}/{index}"));

    /// <summary>FNV-1a of the key: stable across processes and versions, unlike <c>string.GetHashCode</c>.</summary>
    private int SliceOf(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)slices.Length);
    }
}

/// <summary>The slices of a <see cref="SlicedIndex{TValue}"/> that have been written: the ones read at activation.</summary>
[GenerateSerializer, Alias("Truora.IndexManifest")]
public sealed class IndexManifest
{
    [Id(0)] public SortedSet<int> Slices { get; set; } = [];
}

/// <summary>One stored slice of a <see cref="SlicedIndex{TValue}"/>: the entries whose key hashes to it.</summary>
[GenerateSerializer, Alias("Truora.IndexSlice`1")]
public sealed class IndexSlice<TValue>
{
    [Id(0)] public Dictionary<string, TValue> Entries { get; set; } = new(StringComparer.Ordinal);
}
