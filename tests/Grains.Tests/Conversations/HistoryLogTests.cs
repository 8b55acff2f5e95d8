using System.Globalization;
using Orleans.Storage;
using Truora.Grains.Conversations;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Interfaces.WhatsApp;

namespace Truora.Grains.Tests.Conversations;

/// <summary>
/// The history's pages against a storage that checks ETags as a database does: a quiet history lets its pages go,
/// and what comes after (appends, a delivery update on an old page, a snapshot, a retried message) reads them back
/// without losing, reordering or overwriting anything.
/// </summary>
public sealed class HistoryLogTests
{
    private const string Key = "t1/c1";

    [Fact]
    public async Task AQuietHistoryLetsItsPagesGoAndAppendsAfterReadTheLastPageBackOnce()
    {
        var storage = new PageStorage();
        var history = new HistoryLog(storage, Key);
        await AppendAsync(history, 0, 40);
        Assert.Equal(["write 0", "write 1"], storage.Calls);

        Release(history);
        storage.Calls.Clear();
        history.Append(Entry(40));
        history.Append(Entry(41));
        Assert.Equal(42, history.Count);
        await history.SaveAsync();

        Assert.Equal(["read 1", "write 1"], storage.Calls);
        Assert.Equal(Texts(0, 42), await TextsAfterReloadAsync(storage));
    }

    [Fact]
    public Task AnAppendWhileTheLastPageIsReadBackIsPlacedAfterTheOnesBeforeIt() => OneTurnAtATime(async () =>
    {
        var storage = new PageStorage();
        var history = new HistoryLog(storage, Key);
        await AppendAsync(history, 0, 5);
        Release(history);

        var gate = storage.HoldReads();
        history.Append(Entry(5));
        var first = history.SaveAsync();
        history.Append(Entry(6));
        var second = history.SaveAsync();
        gate.SetResult();
        await Task.WhenAll(first, second);

        Assert.Equal(Texts(0, 7), await TextsAfterReloadAsync(storage));
    });

    [Fact]
    public Task ASaveWhoseEntriesAnEarlierSaveIsWritingCompletesOnlyOnceTheyAreStored() => OneTurnAtATime(async () =>
    {
        var storage = new PageStorage();
        var history = new HistoryLog(storage, Key);
        await AppendAsync(history, 0, 5);
        Release(history);

        var reads = storage.HoldReads();
        history.Append(Entry(5));
        var first = history.SaveAsync();
        history.Append(Entry(6));
        var second = history.SaveAsync();
        var writes = storage.HoldWrites();
        reads.SetResult();

        Assert.Equal(["write 0", "read 0", "write 0"], storage.Calls); // the page read back, and being written
        Assert.False(second.IsCompleted);
        writes.SetResult();
        await Task.WhenAll(first, second);
        Assert.Equal(Texts(0, 7), await TextsAfterReloadAsync(storage));
    });

    [Fact]
    public async Task NothingIsLetGoWhileAChangeIsUnsavedOrTheHistoryWasUsedSinceTheLastTry()
    {
        var storage = new PageStorage();
        var history = new HistoryLog(storage, Key);
        history.Append(Entry(0));

        Assert.False(history.TryRelease());
        Assert.False(history.TryRelease());
        await history.SaveAsync();
        Assert.True(history.TryRelease());

        history.Append(Entry(1));
        await history.SaveAsync();
        Assert.False(history.TryRelease());
        Assert.True(history.TryRelease());
    }

    [Fact]
    public async Task ADeliveryUpdateReachesAnEntryOnAnOlderPageThatWasLetGo()
    {
        var storage = new PageStorage();
        var history = new HistoryLog(storage, Key);
        await AppendAsync(history, 0, 70);
        Release(history);

        Assert.True(await history.ReplaceLastAsync(Id(3), entry => entry with { Delivery = DeliveryState.Read }));
        Assert.False(await history.ReplaceLastAsync("wamid.unknown", entry => entry));
        await history.SaveAsync();

        var reloaded = await ReloadAsync(storage);
        var entries = await reloaded.SnapshotAsync();
        Assert.Equal(DeliveryState.Read, entries[3].Delivery);
        Assert.Equal(70, entries.Count);
    }

    [Fact]
    public async Task ASnapshotHasTheStoredPagesTheHeldOnesAndEntriesNotYetPlaced()
    {
        var storage = new PageStorage();
        var history = new HistoryLog(storage, Key);
        await AppendAsync(history, 0, 33);
        Release(history);
        history.Append(Entry(33));

        Assert.Equal(Texts(0, 34), (await history.SnapshotAsync()).Select(entry => entry.Text));
    }

    [Fact]
    public async Task TheLatestMessageIdsAreKnownAfterTheirPagesGoAndAfterAReload()
    {
        var storage = new PageStorage();
        var history = new HistoryLog(storage, Key);
        await AppendAsync(history, 0, HistoryLog.RecentIds + 1);
        Release(history);

        Assert.True(history.HasRecent(Id(HistoryLog.RecentIds)));
        Assert.True(history.HasRecent(Id(1)));
        Assert.False(history.HasRecent(Id(0)));
        var reloaded = await ReloadAsync(storage);
        Assert.True(reloaded.HasRecent(Id(1)));
        Assert.False(reloaded.HasRecent(Id(0)));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(HistoryLog.PageSize, 2)]
    [InlineData(HistoryLog.PageSize + 1, 2)]
    [InlineData(1000, 10)]
    [InlineData(32 * HistoryLog.PageSize, 13)]
    public async Task ALoadFindsTheLastPageInAboutTwiceLogPagesReadsAndKnowsTheCountAndLatestIds(int entries, int reads)
    {
        var storage = new PageStorage();
        var history = new HistoryLog(storage, Key);
        await AppendAsync(history, 0, entries);
        storage.Calls.Clear();

        var reloaded = await ReloadAsync(storage);

        Assert.Equal(reads, storage.Calls.Count);
        Assert.Equal(entries, reloaded.Count);
        Assert.Equal(Texts(0, entries), (await reloaded.SnapshotAsync()).Select(entry => entry.Text));
        for (var n = Math.Max(0, entries - HistoryLog.RecentIds); n < entries; n++)
        {
            Assert.True(reloaded.HasRecent(Id(n)), Id(n));
        }

        Assert.False(entries > HistoryLog.RecentIds && reloaded.HasRecent(Id(entries - HistoryLog.RecentIds - 1)));
    }

    [Fact]
    public async Task AppendsAfterALoadGoOnTheLastPageOrANewOne()
    {
        var storage = new PageStorage();
        await AppendAsync(new HistoryLog(storage, Key), 0, 2 * HistoryLog.PageSize);
        var reloaded = await ReloadAsync(storage);

        await AppendAsync(reloaded, 2 * HistoryLog.PageSize, 2 * HistoryLog.PageSize + 3);

        Assert.Equal(Texts(0, 2 * HistoryLog.PageSize + 3), await TextsAfterReloadAsync(storage));
    }

    [Fact]
    public async Task AWriteThatFailedIsWrittenByTheNextSave()
    {
        var storage = new PageStorage { FailWrites = 1 };
        var history = new HistoryLog(storage, Key);
        history.Append(Entry(0));

        await Assert.ThrowsAsync<InvalidOperationException>(history.SaveAsync);
        Assert.True(history.HasUnsaved);
        Assert.False(history.TryRelease());
        Assert.False(history.TryRelease());
        await history.SaveAsync();

        Assert.Equal(Texts(0, 1), await TextsAfterReloadAsync(storage));
    }

    /// <summary>
    /// Runs a test as a grain's scheduler runs its turns: one at a time, and a gate released inside runs what waited
    /// on it before the release returns (the exclusive scheduler inlines its own tasks). On the thread pool two
    /// continuations of one task may run side by side, which no grain does, and the test raced with itself.
    /// </summary>
    private static Task OneTurnAtATime(Func<Task> test) =>
        Task.Factory.StartNew(test, CancellationToken.None, TaskCreationOptions.None, new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler).Unwrap();

    private static async Task AppendAsync(HistoryLog history, int from, int to)
    {
        for (var n = from; n < to; n++)
        {
            history.Append(Entry(n));
        }

        await history.SaveAsync();
    }

    /// <summary>Two tries: the first only clears the "used since" mark the appends left.</summary>
    private static void Release(HistoryLog history)
    {
        history.TryRelease();
        Assert.True(history.TryRelease());
    }

    private static async Task<HistoryLog> ReloadAsync(PageStorage storage)
    {
        var history = new HistoryLog(storage, Key);
        await history.LoadAsync();
        return history;
    }

    private static async Task<IEnumerable<string>> TextsAfterReloadAsync(PageStorage storage)
    {
        var reloaded = await ReloadAsync(storage);
        return (await reloaded.SnapshotAsync()).Select(entry => entry.Text);
    }

    private static HistoryEntry Entry(int n) =>
        new(HistorySender.User, Text(n), DateTimeOffset.UnixEpoch.AddSeconds(n), MessageId: Id(n));

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Id(int n) => $"wamid.{n}";

    private static IEnumerable<string> Texts(int from, int to) => Enumerable.Range(from, to - from).Select(Text);

    /// <summary>Keeps copies of pages and refuses a write whose ETag is not the stored one, as the real providers do.</summary>
    private sealed class PageStorage : IGrainStorage
    {
        private readonly Dictionary<string, (List<HistoryEntry> Entries, string ETag)> pages = [];
        private int version;
        private TaskCompletionSource? readGate;
        private TaskCompletionSource? writeGate;

        public List<string> Calls { get; } = [];

        public int FailWrites { get; set; }

        /// <summary>
        /// Reads wait until the returned source is completed. Completing it runs what waited on this thread, one
        /// step after another as a grain's turns would, until everything waits again.
        /// </summary>
        public TaskCompletionSource HoldReads() => readGate = new TaskCompletionSource();

        /// <summary>Writes wait (once recorded) until the returned source is completed, as reads do.</summary>
        public TaskCompletionSource HoldWrites() => writeGate = new TaskCompletionSource();

        public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            var page = PageOf(grainId);
            Calls.Add($"read {page}");
            if (readGate is { } gate)
            {
                await gate.Task;
            }

            if (pages.TryGetValue(page, out var stored))
            {
                grainState.State = (T)(object)new HistoryPage { Entries = [.. stored.Entries] };
                grainState.ETag = stored.ETag;
                grainState.RecordExists = true;
            }
        }

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            var page = PageOf(grainId);
            Calls.Add($"write {page}");
            if (writeGate is { } gate)
            {
                await gate.Task;
            }

            if (FailWrites > 0)
            {
                FailWrites--;
                throw new InvalidOperationException("The storage is down.");
            }

            var expected = pages.TryGetValue(page, out var stored) ? stored.ETag : null;
            if (grainState.ETag != expected)
            {
                throw new InconsistentStateException($"Page {page}: ETag {grainState.ETag} is not the stored {expected}.");
            }

            var etag = (++version).ToString(CultureInfo.InvariantCulture);
            pages[page] = ([.. ((HistoryPage)(object)grainState.State!).Entries], etag);
            grainState.ETag = etag;
            grainState.RecordExists = true;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new NotSupportedException();

        private static string PageOf(GrainId grainId)
        {
            var key = grainId.Key.ToString()!;
            Assert.StartsWith(Key + "/", key, StringComparison.Ordinal);
            return key[(Key.Length + 1)..];
        }
    }
}
