using System.Diagnostics.CodeAnalysis;
using Orleans.Storage;

namespace Truora.Grains.Storage;

/// <summary>
/// An index that grows with traffic (a day's conversations, an agent's conversations), kept as a dictionary in a
/// fixed number of storage records of its own, its slices, chosen by a stable hash of the key. A change marks its
/// slice, and a save writes only the marked slices (coalesced, a few at a time): the cost of a change stays flat
/// however large the index grows, where one state would rewrite every entry each time.
/// </summary>
public sealed class SlicedIndex<TValue>
{
    private readonly IGrainStorage storage;
    private readonly string stateName;
    private readonly GrainType sliceType;
    private readonly string ownerKey;
    private readonly int storageCallsAtOnce;
    private readonly GrainState<IndexSlice<TValue>>[] slices;
    private readonly DirtyRecords dirty;

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
        slices = new GrainState<IndexSlice<TValue>>[sliceCount];
        for (var i = 0; i < sliceCount; i++)
        {
            slices[i] = new GrainState<IndexSlice<TValue>>(new IndexSlice<TValue>());
        }

        dirty = new DirtyRecords(index => storage.WriteStateAsync(stateName, SliceId(index), slices[index]), storageCallsAtOnce);
    }

    public int Count => slices.Sum(slice => slice.State!.Entries.Count);

    public IEnumerable<TValue> Values => slices.SelectMany(slice => slice.State!.Entries.Values);

    public async Task LoadAsync()
    {
        for (var first = 0; first < slices.Length; first += storageCallsAtOnce)
        {
            await Task.WhenAll(Enumerable.Range(first, Math.Min(storageCallsAtOnce, slices.Length - first)).Select(async index =>
            {
                var slice = new GrainState<IndexSlice<TValue>>(new IndexSlice<TValue>());
                await storage.ReadStateAsync(stateName, SliceId(index), slice);
                slice.State ??= new IndexSlice<TValue>();
                slices[index] = slice;
            }));
        }
    }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value) =>
        slices[SliceOf(key)].State!.Entries.TryGetValue(key, out value);

    /// <summary>Sets the entry in memory; false when it held an equal value already, so there is nothing to store.</summary>
    public bool Set(string key, TValue value)
    {
        var index = SliceOf(key);
        var entries = slices[index].State!.Entries;
        if (entries.TryGetValue(key, out var known) && EqualityComparer<TValue>.Default.Equals(known, value))
        {
            return false;
        }

        entries[key] = value;
        dirty.Mark(index);
        return true;
    }

    public bool Remove(string key, [MaybeNullWhen(false)] out TValue value)
    {
        var index = SliceOf(key);
        if (!slices[index].State!.Entries.Remove(key, out value))
        {
            return false;
        }

        dirty.Mark(index);
        return true;
    }

    public void Clear()
    {
        for (var index = 0; index < slices.Length; index++)
        {
            var entries = slices[index].State!.Entries;
            if (entries.Count > 0)
            {
                entries.Clear();
                dirty.Mark(index);
            }
        }
    }

    /// <summary>Writes the slices changed since the last save; nothing when none was.</summary>
    public Task SaveAsync() => dirty.SaveAsync();

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

/// <summary>One stored slice of a <see cref="SlicedIndex{TValue}"/>: the entries whose key hashes to it.</summary>
[GenerateSerializer, Alias("Truora.IndexSlice`1")]
public sealed class IndexSlice<TValue>
{
    [Id(0)] public Dictionary<string, TValue> Entries { get; set; } = new(StringComparer.Ordinal);
}
