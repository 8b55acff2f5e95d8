namespace Truora.Grains.Storage;

/// <summary>
/// The changed records of a grain that keeps its data in several storage records of its own (history pages, index
/// slices): a change marks its record, and one coalesced write stores every record marked since the last, a few at
/// a time. A write that fails leaves its records marked, so the next one carries them again.
/// </summary>
public sealed class DirtyRecords
{
    private readonly HashSet<int> dirty = [];
    private readonly Func<int, Task> write;
    private readonly int atOnce;
    private readonly WriteCoalescer writer;

    /// <param name="write">Stores the record with this number.</param>
    /// <param name="atOnce">How many records are written at the same time (1: one after another, in order).</param>
    public DirtyRecords(Func<int, Task> write, int atOnce)
    {
        this.write = write;
        this.atOnce = atOnce;
        writer = new WriteCoalescer(FlushAsync);
    }

    public void Mark(int record) => dirty.Add(record);

    /// <summary>Nothing is marked and no write is in flight: the records in memory are the stored ones.</summary>
    public bool IsSettled => dirty.Count == 0 && writer.IsIdle;

    /// <inheritdoc cref="WriteCoalescer.ForgetCompleted"/>
    public void ForgetCompleted() => writer.ForgetCompleted();

    /// <summary>
    /// Completes once every record marked before this call is stored: writes what is marked, coalesced with any
    /// write in flight, and with nothing marked waits for the write in flight, which may carry records this caller
    /// had marked through another step (a history's waiting entries, an index slice waiting for its manifest).
    /// </summary>
    public Task SaveAsync() => dirty.Count == 0 ? writer.InFlight : writer.WriteAsync();

    private async Task FlushAsync()
    {
        var touched = dirty.Order().ToArray();
        dirty.Clear();
        try
        {
            // A few lanes that each take the next record as soon as their last write is stored, rather than rounds
            // of a few writes that each wait for the round's slowest: on a busy database one slow write held up
            // the rest of a 512-slice index flush. All lanes run on the grain's turns, so taking a record is safe.
            var next = 0;
            async Task LaneAsync()
            {
                while (next < touched.Length)
                {
                    await write(touched[next++]);
                }
            }

            await Task.WhenAll(Enumerable.Range(0, Math.Min(atOnce, touched.Length)).Select(_ => LaneAsync()));
        }
        catch
        {
            // Still marked: the next write retries them, and the caller sees this failure.
            dirty.UnionWith(touched);
            throw;
        }
    }
}
