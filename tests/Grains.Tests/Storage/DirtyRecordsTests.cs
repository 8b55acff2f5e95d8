using Truora.Grains.Storage;

namespace Truora.Grains.Tests.Storage;

public sealed class DirtyRecordsTests
{
    [Fact]
    public async Task ASlowWriteHoldsUpOnlyItsOwnLane()
    {
        var slow = new TaskCompletionSource();
        var started = new List<int>();
        var records = new DirtyRecords(record =>
        {
            started.Add(record);
            return record == 1 ? slow.Task : Task.CompletedTask;
        }, atOnce: 2);
        foreach (var record in new[] { 4, 1, 3, 2, 5 })
        {
            records.Mark(record);
        }

        var saving = records.SaveAsync();

        // Record 1 is still being written; the other lane has stored the rest meanwhile.
        Assert.Equal([1, 2, 3, 4, 5], started);
        Assert.False(saving.IsCompleted);
        slow.SetResult();
        await saving;
        Assert.True(records.IsSettled);
    }

    [Fact]
    public async Task OneAtOnceWritesInOrderEachAfterTheLast()
    {
        var gates = Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource()).ToArray();
        var started = new List<int>();
        var records = new DirtyRecords(record =>
        {
            started.Add(record);
            return gates[record].Task;
        }, atOnce: 1);
        foreach (var record in new[] { 3, 0, 2, 1 })
        {
            records.Mark(record);
        }

        var saving = records.SaveAsync();
        for (var record = 0; record < gates.Length; record++)
        {
            Assert.Equal(Enumerable.Range(0, record + 1), started);
            gates[record].SetResult();
        }

        await saving;
        Assert.Equal([0, 1, 2, 3], started);
    }

    [Fact]
    public async Task AFailedWriteLeavesEveryRecordOfThatFlushMarkedForTheNext()
    {
        var fail = true;
        var written = new List<int>();
        var records = new DirtyRecords(record =>
        {
            if (record == 2 && fail)
            {
                return Task.FromException(new InvalidOperationException("database gone"));
            }

            written.Add(record);
            return Task.CompletedTask;
        }, atOnce: 2);
        records.Mark(1);
        records.Mark(2);

        await Assert.ThrowsAsync<InvalidOperationException>(records.SaveAsync);
        Assert.False(records.IsSettled);

        fail = false;
        written.Clear();
        await records.SaveAsync();
        Assert.Equal([1, 2], written.Order());
        Assert.True(records.IsSettled);
    }
}
