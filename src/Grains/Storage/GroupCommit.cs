using System.Threading.Channels;

namespace Truora.Grains.Storage;

/// <summary>
/// Group commit: writes asked for by any grain of the silo wait a moment (<see cref="GroupCommitOptions.Linger"/>)
/// for others, then go to the database together in one round trip. Each caller's task completes only when the
/// batch that carried its write has committed, so an answer given after it still means durable.
/// </summary>
/// <remarks>
/// A batch that fails on one write's own fault (a key taken by a second activation; the constructor's
/// <c>isItemFault</c> says which) is retried one write at a time, so only the faulty caller fails; a batch that
/// fails because the database is away fails every caller at once, without a storm of single retries.
/// </remarks>
public sealed class GroupCommit<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> queue;
    private readonly Func<IReadOnlyList<TItem>, CancellationToken, Task<TResult[]>> commit;
    private readonly Func<Exception, bool> isItemFault;
    private readonly GroupCommitOptions options;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task[] loops;

    public GroupCommit(
        Func<IReadOnlyList<TItem>, CancellationToken, Task<TResult[]>> commit,
        Func<Exception, bool> isItemFault,
        GroupCommitOptions options)
    {
        this.commit = commit;
        this.isItemFault = isItemFault;
        this.options = options;
        queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.MaxQueued)
        {
            SingleWriter = false,
            SingleReader = options.BatchesInFlight == 1,
            FullMode = BoundedChannelFullMode.Wait,
        });
        loops = new Task[options.BatchesInFlight];
        // The loops outlive whoever first resolved this singleton: they must not carry its activity or request context.
        using (ExecutionContext.SuppressFlow())
        {
            for (var i = 0; i < loops.Length; i++)
            {
                loops[i] = Task.Run(RunAsync);
            }
        }
    }

    /// <summary>Completes with the write's result once its batch has committed; fails with the batch.</summary>
    public Task<TResult> CommitAsync(TItem item)
    {
        var pending = new Pending(item);
        if (!queue.Writer.TryWrite(pending))
        {
            return QueueWhenRoomAsync(pending);
        }

        return pending.Task;
    }

    private async Task<TResult> QueueWhenRoomAsync(Pending pending)
    {
        await queue.Writer.WriteAsync(pending);
        return await pending.Task;
    }

    private async Task RunAsync()
    {
        var reader = queue.Reader;
        var batch = new List<Pending>(options.MaxBatch);
        var items = new List<TItem>(options.MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            if (options.Linger > TimeSpan.Zero && reader.CanCount && reader.Count < options.MaxBatch)
            {
                await Task.Delay(options.Linger);
            }

            while (batch.Count < options.MaxBatch && reader.TryRead(out var next))
            {
                batch.Add(next);
                items.Add(next.Item);
            }

            if (batch.Count > 0)
            {
                await CommitBatchAsync(batch, items);
            }

            batch.Clear();
            items.Clear();
        }
    }

    private async Task CommitBatchAsync(List<Pending> batch, List<TItem> items)
    {
        try
        {
            var results = await commit(items, stopping.Token);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].TrySetResult(results[i]);
            }
        }
        catch (Exception ex) when (batch.Count > 1 && isItemFault(ex))
        {
            foreach (var one in batch)
            {
                await CommitAloneAsync(one);
            }
        }
        catch (Exception ex)
        {
            foreach (var one in batch)
            {
                one.TrySetException(ex);
            }
        }
    }

    private async Task CommitAloneAsync(Pending one)
    {
        try
        {
            var results = await commit([one.Item], stopping.Token);
            one.TrySetResult(results[0]);
        }
        catch (Exception ex)
        {
            one.TrySetException(ex);
        }
    }

    /// <summary>Commits what is queued, then stops: grains leaving at shutdown still have their writes answered.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        var drained = Task.WhenAll(loops);
        if (await Task.WhenAny(drained, Task.Delay(options.DrainTimeout)) != drained)
        {
            await stopping.CancelAsync();
        }

        await drained.ContinueWith(static _ => { }, TaskScheduler.Default);
        stopping.Dispose();
    }

    private sealed class Pending(TItem item) : TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public TItem Item { get; } = item;
    }
}
