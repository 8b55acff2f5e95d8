using System.Collections.Concurrent;

namespace Truora.Bench;

/// <summary>Errors of one phase: a count, and the first few descriptions to print; thread-safe.</summary>
internal sealed class ErrorLog
{
    private readonly ConcurrentQueue<string> samples = new();
    private long count;

    public long Count => Interlocked.Read(ref count);

    public IEnumerable<string> Samples => samples;

    public void Add(string what)
    {
        if (Interlocked.Increment(ref count) <= 5)
        {
            samples.Enqueue(what);
        }
    }
}
