using Orleans.Storage;
using Truora.Grains.Interfaces.Conversations;
using Truora.Grains.Storage;

namespace Truora.Grains.Conversations;

/// <summary>
/// A conversation's history, stored in fixed-size pages of its own, so appending the thousandth message
/// writes one small page, not the whole history. Pages are numbered from zero; loading reads them in order
/// until one is missing, so the count never has to be kept in step anywhere else.
/// </summary>
public sealed class HistoryLog
{
    public const int PageSize = 32;
    private const string StateName = "history";
    private static readonly GrainType PageType = GrainType.Create("conversation-history");

    private readonly IGrainStorage storage;
    private readonly string conversationKey;
    private readonly List<GrainState<HistoryPage>> pages = [];
    private readonly DirtyRecords dirty;

    public HistoryLog(IGrainStorage storage, string conversationKey)
    {
        this.storage = storage;
        this.conversationKey = conversationKey;
        dirty = new DirtyRecords(index => storage.WriteStateAsync(StateName, PageId(index), pages[index]), atOnce: 1);
    }

    public int Count { get; private set; }

    public async Task LoadAsync()
    {
        for (var index = 0; ; index++)
        {
            var page = new GrainState<HistoryPage>(new HistoryPage());
            await storage.ReadStateAsync(StateName, PageId(index), page);
            if (!page.RecordExists)
            {
                return;
            }

            page.State ??= new HistoryPage();
            pages.Add(page);
            Count += page.State!.Entries.Count;
        }
    }

    public IReadOnlyList<HistoryEntry> Snapshot()
    {
        var entries = new List<HistoryEntry>(Count);
        foreach (var page in pages)
        {
            entries.AddRange(page.State!.Entries);
        }

        return entries;
    }

    /// <summary>Whether one of the last two pages holds an entry with this message id (retries come soon after).</summary>
    public bool HasRecent(string messageId)
    {
        for (var p = pages.Count - 1; p >= 0 && p >= pages.Count - 2; p--)
        {
            foreach (var entry in pages[p].State!.Entries)
            {
                if (entry.MessageId == messageId)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Adds the entries in memory; <see cref="SaveAsync"/> persists the pages they touched.</summary>
    public void Append(HistoryEntry entry)
    {
        if (pages.Count == 0 || pages[^1].State!.Entries.Count >= PageSize)
        {
            pages.Add(new GrainState<HistoryPage>(new HistoryPage()));
        }

        pages[^1].State!.Entries.Add(entry);
        dirty.Mark(pages.Count - 1);
        Count++;
    }

    /// <summary>Replaces the newest entry matching <paramref name="match"/>; false when none does.</summary>
    public bool ReplaceLast(Func<HistoryEntry, bool> match, Func<HistoryEntry, HistoryEntry> replace)
    {
        for (var p = pages.Count - 1; p >= 0; p--)
        {
            var entries = pages[p].State!.Entries;
            for (var i = entries.Count - 1; i >= 0; i--)
            {
                if (match(entries[i]))
                {
                    entries[i] = replace(entries[i]);
                    dirty.Mark(p);
                    return true;
                }
            }
        }

        return false;
    }

    public Task SaveAsync() => dirty.SaveAsync();

    private GrainId PageId(int index) => GrainId.Create(PageType, IdSpan.Create($"{conversationKey}/{index}"));
}
