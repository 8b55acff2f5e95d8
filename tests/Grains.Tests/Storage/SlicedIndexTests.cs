using System.Globalization;
using Orleans.Storage;
using Truora.Grains.Storage;

namespace Truora.Grains.Tests.Storage;

/// <summary>
/// The sliced index's storage contract, against a storage that records its calls: a slice is never stored before
/// a stored manifest names it, a change writes only its slice, and loading reads the manifest and what it names.
/// </summary>
public sealed class SlicedIndexTests
{
    private static readonly GrainType SliceType = GrainType.Create("test-slices");

    [Fact]
    public async Task TheManifestIsStoredBeforeANewSliceAndOnlyTheChangedSliceIsWrittenAfter()
    {
        var storage = new RecordingStorage();
        var index = NewIndex(storage);

        Assert.True(index.Set("a", 1));
        await index.SaveAsync();
        Assert.Equal(["write owner/manifest", $"write owner/{SliceOf(storage, "a")}"], storage.Calls);

        storage.Calls.Clear();
        Assert.True(index.Set("a", 2));
        Assert.False(index.Set("a", 2));
        await index.SaveAsync();
        Assert.Equal([$"write owner/{SliceOf(storage, "a")}"], storage.Calls);
    }

    [Fact]
    public async Task ASliceWaitsForAManifestWriteThatFailed()
    {
        var storage = new RecordingStorage { FailManifestWrites = 1 };
        var index = NewIndex(storage);

        index.Set("a", 1);
        await Assert.ThrowsAsync<InvalidOperationException>(index.SaveAsync);
        Assert.DoesNotContain(storage.Calls, call => call.StartsWith("write owner/", StringComparison.Ordinal) && !call.EndsWith("manifest", StringComparison.Ordinal));

        await index.SaveAsync();
        var reloaded = NewIndex(storage);
        await reloaded.LoadAsync();
        Assert.True(reloaded.TryGetValue("a", out var value));
        Assert.Equal(1, value);
    }

    [Fact]
    public async Task LoadingReadsTheManifestAndOnlyTheSlicesItNames()
    {
        var storage = new RecordingStorage();
        var index = NewIndex(storage);
        index.Set("a", 1);
        index.Set("b", 2);
        await index.SaveAsync();
        var written = new[] { "a", "b" }.Select(key => int.Parse(SliceOf(storage, key), CultureInfo.InvariantCulture)).Distinct().Order().Select(slice => $"read owner/{slice}").ToArray();
        Assert.True(index.Remove("b", out _));
        await index.SaveAsync();

        storage.Calls.Clear();
        var reloaded = NewIndex(storage);
        await reloaded.LoadAsync();

        Assert.Equal(["read owner/manifest", .. written], storage.Calls);
        Assert.Equal([1], reloaded.Values);
    }

    private static SlicedIndex<int> NewIndex(RecordingStorage storage) =>
        new(storage, "test", SliceType, "owner", sliceCount: 64, storageCallsAtOnce: 1);

    /// <summary>The slice a key was stored in, found by where its value was written.</summary>
    private static string SliceOf(RecordingStorage storage, string key) =>
        storage.Records.Single(record => record.Value is IndexSlice<int> slice && slice.Entries.ContainsKey(key)).Key.Split('/')[1];

    private sealed class RecordingStorage : IGrainStorage
    {
        public List<string> Calls { get; } = [];

        public Dictionary<string, object> Records { get; } = [];

        public int FailManifestWrites { get; set; }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            var key = grainId.Key.ToString()!;
            Calls.Add($"read {key}");
            if (Records.TryGetValue(key, out var stored))
            {
                grainState.State = (T)stored;
                grainState.RecordExists = true;
            }

            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            var key = grainId.Key.ToString()!;
            Calls.Add($"write {key}");
            if (key.EndsWith("/manifest", StringComparison.Ordinal) && FailManifestWrites > 0)
            {
                FailManifestWrites--;
                throw new InvalidOperationException("The storage is down.");
            }

            // A copy, as a database holds: later changes in memory do not reach it until written again.
            Records[key] = grainState.State switch
            {
                IndexSlice<int> slice => new IndexSlice<int> { Entries = new(slice.Entries, StringComparer.Ordinal) },
                IndexManifest manifest => new IndexManifest { Slices = [.. manifest.Slices] },
                var other => other!,
            };
            grainState.RecordExists = true;
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new NotSupportedException();
    }
}
