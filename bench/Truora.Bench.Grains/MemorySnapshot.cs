using System.Runtime;

namespace Truora.Bench.Grains;

/// <summary>The process's memory after a forced, compacting full collection: only what is still referenced counts.</summary>
internal sealed record MemorySnapshot(long WorkingSet, long TotalMemory, long HeapSize, long Committed)
{
    public static MemorySnapshot Take()
    {
        // Twice, with the finalizers run between: objects a finalizer releases go in the second pass. The large object
        // heap is compacted too (it is not by default): large buffers a load leaves behind would otherwise count in the
        // heap size with their holes.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var totalMemory = GC.GetTotalMemory(forceFullCollection: true);
        var info = GC.GetGCMemoryInfo();
        return new MemorySnapshot(Environment.WorkingSet, totalMemory, info.HeapSizeBytes, info.TotalCommittedBytes);
    }
}
