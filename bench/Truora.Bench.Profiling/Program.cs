using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;
using Truora.Bench.Profiling;

if (args.Length is < 1 or > 2 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("""
        Truora.Bench.Profiling: allocations and GC pauses in a dotnet-trace file of a node under load.

          Truora.Bench.Profiling TRACE.nettrace [TYPE]
              Without TYPE: the sampled bytes by type, by the first frame in Truora code, and the GC pauses.
              With TYPE (e.g. System.Byte[]): the stacks that allocate that type.

          Record one with: dotnet-trace collect -p PID --profile gc-verbose --duration 00:00:00:08 -o TRACE.nettrace
        """);
    return 2;
}

using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var allocations = new AllocationTally(ofType: args.Length == 2 ? args[1] : null);
var pauses = new PauseTally();
foreach (var data in log.Events)
{
    switch (data)
    {
        case GCAllocationTickTraceData tick:
            allocations.Add(tick);
            break;
        default:
            pauses.Add(data);
            break;
    }
}

allocations.Print(Console.Out);
if (args.Length == 1)
{
    pauses.Print(Console.Out);
}

return 0;
