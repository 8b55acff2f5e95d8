using System.Text;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Truora.Bench.Profiling;

/// <summary>
/// Allocation ticks (one about every 100 KB a thread allocates) summed by type and by the first stack frame in our
/// own code: what the runtime, Orleans or ASP.NET allocate on our behalf counts against the call of ours that made
/// it, which is the frame a change can act on.
/// </summary>
public sealed class AllocationTally(string? ofType)
{
    private const int StackDepth = 7;
    private readonly Dictionary<string, double> byType = [];
    private readonly Dictionary<string, double> byOwnFrame = [];
    private readonly Dictionary<string, double> byStack = [];
    private double total;

    public void Add(GCAllocationTickTraceData tick)
    {
        double bytes = tick.AllocationAmount64;
        total += bytes;
        Increase(byType, tick.TypeName, bytes);

        string? own = null;
        var stack = ofType is not null && tick.TypeName == ofType ? new StringBuilder() : null;
        var depth = 0;
        for (var frame = tick.CallStack(); frame is not null; frame = frame.Caller)
        {
            var name = frame.CodeAddress.FullMethodName;
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            own ??= name.Contains("Truora", StringComparison.Ordinal) ? Shorten(name) : null;
            if (stack is not null && depth < StackDepth && !name.Contains("AsyncMethodBuilderCore", StringComparison.Ordinal))
            {
                stack.Append("\n      ").Append(Shorten(name));
                depth++;
            }
        }

        Increase(byOwnFrame, own ?? "(no Truora frame)", bytes);
        if (stack is not null)
        {
            Increase(byStack, stack.ToString(), bytes);
        }
    }

    public void Print(TextWriter output)
    {
        output.WriteLine($"sampled allocations: {total / 1e6:F1} MB");
        if (ofType is not null)
        {
            Top(output, $"stacks allocating {ofType}", byStack, 12);
            return;
        }

        Top(output, "by type", byType, 30);
        Top(output, "by first frame in Truora code", byOwnFrame, 30);
    }

    private void Top(TextWriter output, string title, Dictionary<string, double> tally, int count)
    {
        output.WriteLine($"== {title}");
        foreach (var (key, bytes) in tally.OrderByDescending(pair => pair.Value).Take(count))
        {
            output.WriteLine($"{bytes / total * 100,6:F1}%  {key}");
        }
    }

    private static void Increase(Dictionary<string, double> tally, string key, double bytes) =>
        tally[key] = tally.GetValueOrDefault(key) + bytes;

    private static string Shorten(string name) => name.Length > 150 ? name[..150] : name;
}
