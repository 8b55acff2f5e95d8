using System.IO.Hashing;
using System.Runtime.InteropServices;
using Orleans.Storage;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Storage;

namespace Truora.Grains.Conversations;

/// <summary>
/// A conversation's history, stored in fixed-size pages of its own, so appending the thousandth message
/// writes one small page, not the whole history. Pages are numbered from zero, stored in order, and all but the
/// last are full; loading searches for the last one, so the count never has to be kept in step anywhere else.
/// </summary>
/// <remarks>
/// Only the pages in use stay in memory: the last one while the conversation is busy, and any page a change is
/// being written to. <see cref="TryRelease"/> lets them go once the conversation has been quiet, so an idle open
/// conversation holds its count and the hashes of its latest message ids rather than its history (most of an
/// open conversation's memory otherwise). An entry appended while the last page is not held waits in order
/// until the next save reads that page back. Every change is synchronous, so a grain can still make its changes
/// before its first await; reads and writes happen in <see cref="SaveAsync"/> and the asynchronous queries.
/// </remarks>
public sealed class HistoryLog
{
    public const int PageSize = 32;

    /// <summary>How many of the latest message ids <see cref="HasRecent"/> knows (a page's worth).</summary>
    public const int RecentIds = PageSize;

    private const string StateName = "history";
    private static readonly GrainType PageType = GrainType.Create("conversation-history");

    private readonly IGrainStorage storage;
    private readonly string conversationKey;
    private readonly DirtyRecords dirty;

    /// <summary>Places the entries that waited for the last page, one reading of that page at a time.</summary>
    private readonly WriteCoalescer placing;

    /// <summary>The pages in memory, by number; null when none is.</summary>
    private Dictionary<int, GrainState<HistoryPage>>? held;

    /// <summary>Reads of pages in flight, so two callers wanting one page share one copy of it.</summary>
    private Dictionary<int, Task<GrainState<HistoryPage>>>? reading;

    /// <summary>Entries appended while the last page was not held, in order: the next save places them.</summary>
    private List<HistoryEntry>? unplaced;

    /// <summary>Hashes of the latest message ids, a ring; 64 bits make a false "seen" practically impossible.</summary>
    private ulong[]? recent;
    private int recentNext;

    /// <summary>Entries on pages, stored or held.</summary>
    private int placed;

    /// <summary>Snapshots and delivery searches in flight: pages must stay held until they finish.</summary>
    private int busy;

    /// <summary>Whether anything used the history since the last <see cref="TryRelease"/>.</summary>
    private bool touched;

    /// <param name="writeThrough">
    /// Runs each page write; the conversation passes its <see cref="FailedTurns.WriteAsync"/>, so no page is written
    /// once a failed write has discarded the activation.
    /// </param>
    public HistoryLog(IGrainStorage storage, string conversationKey, Func<Func<Task>, Task>? writeThrough = null)
    {
        this.storage = storage;
        this.conversationKey = conversationKey;
        writeThrough ??= static write => write();
        // One page at a time, in order: a page is never stored before the one ahead of it, which loading relies on.
        dirty = new DirtyRecords(index => writeThrough(() => storage.WriteStateAsync(StateName, PageId(index), held![index])), atOnce: 1);
        placing = new WriteCoalescer(PlaceWaitingAsync);
    }

    public int Count => placed + (unplaced?.Count ?? 0);

    /// <summary>Whether a change is not stored yet: waiting for <see cref="SaveAsync"/>, or being written.</summary>
    public bool HasUnsaved => unplaced is not null || !dirty.IsSettled;

    /// <summary>Counts the stored entries and learns the latest message ids; holds the last page if it has room.</summary>
    /// <remarks>
    /// Pages are stored in order and all but the last are full, so the last is found by doubling the page number
    /// until one is missing or not full, then halving the gap: about 2·log₂(pages) reads, where reading every page
    /// made a 1,000-message conversation's activation 33 reads in a row. The count follows from the last page's
    /// number; the latest ids are on the last two pages (a page's worth).
    /// </remarks>
    public async Task LoadAsync()
    {
        var read = new Dictionary<int, GrainState<HistoryPage>>();
        async Task<GrainState<HistoryPage>> ReadAsync(int index) => read[index] = await ReadPageAsync(index);
        static bool IsFull(GrainState<HistoryPage> page) => page.RecordExists && page.State!.Entries.Count == PageSize;

        // Pages up to "full" are full; from "notFull" on, each is missing or not full. The last page is "notFull"
        // if it exists, else "full".
        var full = -1;
        var notFull = 0;
        while (IsFull(await ReadAsync(notFull)))
        {
            full = notFull;
            notFull = notFull * 2 + 1;
        }

        if (full < 0 && !read[0].RecordExists)
        {
            return;
        }

        while (notFull - full > 1)
        {
            var middle = full + (notFull - full) / 2;
            if (IsFull(await ReadAsync(middle)))
            {
                full = middle;
            }
            else
            {
                notFull = middle;
            }
        }

        var last = read[notFull].RecordExists ? notFull : full;
        placed = last * PageSize;
        if (last > 0)
        {
            var before = read.TryGetValue(last - 1, out var known) ? known : await ReadPageAsync(last - 1);
            foreach (var entry in before.State!.Entries)
            {
                Remember(entry.MessageId);
            }
        }

        var lastPage = read[last];
        placed += lastPage.State!.Entries.Count;
        foreach (var entry in lastPage.State.Entries)
        {
            Remember(entry.MessageId);
        }

        if (lastPage.State.Entries.Count < PageSize)
        {
            (held ??= [])[last] = lastPage;
            touched = true;
        }
    }

    /// <summary>The whole history: held pages as they are now, the others read from storage.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> SnapshotAsync()
    {
        touched = true;
        busy++;
        try
        {
            var count = PagesOf(placed);
            var read = new Task<GrainState<HistoryPage>>?[count];
            for (var index = 0; index < count; index++)
            {
                if (held?.ContainsKey(index) != true)
                {
                    read[index] = ReadPageAsync(index);
                }
            }

            await Task.WhenAll(read.OfType<Task<GrainState<HistoryPage>>>());

            // Composed after the reads: a page changed meanwhile is held (a change holds its page, and nothing is
            // released while this runs), so the held copy is the newer one.
            var entries = new List<HistoryEntry>(Count);
            for (var index = 0; index < PagesOf(placed); index++)
            {
                var page = held is not null && held.TryGetValue(index, out var current) ? current : read[index]!.Result;
                entries.AddRange(page.State!.Entries);
            }

            if (unplaced is not null)
            {
                entries.AddRange(unplaced);
            }

            return entries;
        }
        finally
        {
            busy--;
        }
    }

    /// <summary>Whether one of the latest <see cref="RecentIds"/> message ids is this one (retries come soon after).</summary>
    public bool HasRecent(string messageId)
    {
        if (recent is null)
        {
            return false;
        }

        var hash = Hash(messageId);
        foreach (var known in recent)
        {
            if (known == hash)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds the entry in memory; <see cref="SaveAsync"/> persists it.</summary>
    public void Append(HistoryEntry entry)
    {
        touched = true;
        Remember(entry.MessageId);
        if (unplaced is null && (placed % PageSize == 0 || held?.ContainsKey(placed / PageSize) == true))
        {
            Place(entry);
        }
        else
        {
            (unplaced ??= []).Add(entry);
        }
    }

    /// <summary>
    /// Replaces the newest entry with this message id, reading pages back from the newest while it is not found;
    /// false when none has it. <see cref="SaveAsync"/> persists the change.
    /// </summary>
    public async Task<bool> ReplaceLastAsync(string messageId, Func<HistoryEntry, HistoryEntry> replace)
    {
        touched = true;
        if (unplaced is not null && ReplaceIn(unplaced, messageId, replace))
        {
            return true;
        }

        busy++;
        try
        {
            for (var index = PagesOf(placed) - 1; index >= 0; index--)
            {
                var page = await HoldAsync(index);
                if (ReplaceIn(page.State!.Entries, messageId, replace))
                {
                    dirty.Mark(index);
                    return true;
                }
            }

            return false;
        }
        finally
        {
            busy--;
        }
    }

    /// <summary>Completes once every change made before it is stored; coalesced with any write in flight.</summary>
    public Task SaveAsync() => unplaced is null ? dirty.SaveAsync() : PlaceAndSaveAsync();

    /// <summary>
    /// Lets the held pages go when nothing used the history since the previous call and nothing is unsaved or in
    /// flight. A grain calls this periodically; true means nothing is held any more.
    /// </summary>
    public bool TryRelease()
    {
        if (touched)
        {
            touched = false;
            return false;
        }

        if (busy > 0 || HasUnsaved || reading is { Count: > 0 })
        {
            return false;
        }

        held = null;
        reading = null;
        dirty.ForgetCompleted();
        placing.ForgetCompleted();
        return true;
    }

    private async Task PlaceAndSaveAsync()
    {
        await placing.WriteAsync();
        await dirty.SaveAsync();
    }

    private async Task PlaceWaitingAsync()
    {
        if (unplaced is null)
        {
            return;
        }

        // Entries appended while this reads join the list, so they are placed after the ones before them.
        if (placed % PageSize != 0)
        {
            await HoldAsync(placed / PageSize);
        }

        var waiting = unplaced;
        unplaced = null;
        foreach (var entry in waiting)
        {
            Place(entry);
        }
    }

    private void Place(HistoryEntry entry)
    {
        var index = placed / PageSize;
        held ??= [];
        if (!held.TryGetValue(index, out var page))
        {
            // A new page: none is stored at this number yet, so there is nothing to read.
            page = new GrainState<HistoryPage>(new HistoryPage());
            held[index] = page;
        }

        page.State!.Entries.Add(entry);
        placed++;
        dirty.Mark(index);
    }

    /// <summary>The page with this number, held from now on; read once however many callers wait for it.</summary>
    private Task<GrainState<HistoryPage>> HoldAsync(int index)
    {
        if (held is not null && held.TryGetValue(index, out var page))
        {
            return Task.FromResult(page);
        }

        reading ??= [];
        if (!reading.TryGetValue(index, out var read))
        {
            read = ReadAndHoldAsync(index);
            if (!read.IsCompleted)
            {
                reading[index] = read;
            }
        }

        return read;
    }

    private async Task<GrainState<HistoryPage>> ReadAndHoldAsync(int index)
    {
        try
        {
            var page = await ReadPageAsync(index);
            (held ??= [])[index] = page;
            return page;
        }
        finally
        {
            reading?.Remove(index);
        }
    }

    private async Task<GrainState<HistoryPage>> ReadPageAsync(int index)
    {
        var page = new GrainState<HistoryPage>(new HistoryPage());
        await storage.ReadStateAsync(StateName, PageId(index), page);
        page.State ??= new HistoryPage();
        return page;
    }

    private static bool ReplaceIn(List<HistoryEntry> entries, string messageId, Func<HistoryEntry, HistoryEntry> replace)
    {
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (entries[i].MessageId == messageId)
            {
                entries[i] = replace(entries[i]);
                return true;
            }
        }

        return false;
    }

    private void Remember(string? messageId)
    {
        if (messageId is null)
        {
            return;
        }

        recent ??= new ulong[RecentIds];
        recent[recentNext] = Hash(messageId);
        recentNext = (recentNext + 1) % RecentIds;
    }

    private static ulong Hash(string messageId) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(messageId.AsSpan()));

    private static int PagesOf(int entries) => (entries + PageSize - 1) / PageSize;

    private GrainId PageId(int index) => GrainId.Create(PageType, IdSpan.Create($"{conversationKey}/{index}"));
}
