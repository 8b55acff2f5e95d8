using Truora.Bench.Grains;

var (options, error) = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine();
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

try
{
    return options.Command == "handoffs"
        ? await HandoffLoad.RunAsync(options, stop.Token)
        : await MemoryLoad.RunAsync(options, stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}
catch (InvalidOperationException ex)
{
    // A failed set-up (tenant, agents, group): the message says which step.
    Console.Error.WriteLine($"Truora.Bench.Grains: {ex.Message}");
    return 2;
}
