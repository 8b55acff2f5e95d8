using System.Globalization;
using Truora.Bench.Parsing;

// Usage: parse [--iterations N] [--rounds R]. Each body is parsed N times per round, R rounds after a warm-up.
var iterations = 20_000;
var rounds = 7;
for (var i = 0; i < args.Length; i++)
{
    var ok = args[i] switch
    {
        "parse" => true,
        "--iterations" when i + 1 < args.Length => int.TryParse(args[++i], CultureInfo.InvariantCulture, out iterations) && iterations > 0,
        "--rounds" when i + 1 < args.Length => int.TryParse(args[++i], CultureInfo.InvariantCulture, out rounds) && rounds > 0,
        _ => false,
    };
    if (!ok)
    {
        Console.Error.WriteLine("Usage: Truora.Bench.Parsing [parse] [--iterations N] [--rounds R]");
        return 2;
    }
}

Console.WriteLine($"WebhookPayloadParser.TryParse, {iterations:N0} parses x {rounds} rounds per body, one thread, .NET {Environment.Version}");
Console.WriteLine();
Console.WriteLine("| body | bytes | yields | ns/op (median) | ns/op (best) | CPU ns/op (median) | allocated B/op |");
Console.WriteLine("| --- | ---: | --- | ---: | ---: | ---: | ---: |");
foreach (var (name, body) in ParsingBodies.All)
{
    if (ParseLoop.Check(body) is not { } yields)
    {
        Console.Error.WriteLine($"The {name} body was refused: nothing to measure.");
        return 1;
    }

    var result = ParseLoop.Measure(body, iterations, rounds);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {body.Length:N0} | {yields} | {result.MedianNs:N0} | {result.BestNs:N0} | {result.MedianCpuNs:N0} | {result.AllocatedBytes:N0} |"));
}

return 0;
