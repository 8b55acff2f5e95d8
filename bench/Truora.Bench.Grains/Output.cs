namespace Truora.Bench.Grains;

/// <summary>Prints a report, appends it to the Markdown file if asked, and gives the exit code.</summary>
internal static class Output
{
    /// <summary>0, or 1 when <paramref name="failed"/> in a smoke run (a full run reports its errors and still succeeds).</summary>
    public static int Write(Report report, BenchOptions options, bool failed)
    {
        Console.WriteLine(report.Text());
        if (options.Markdown is { } file)
        {
            File.AppendAllText(file, report.Markdown());
            Console.Error.WriteLine($"Appended the results to {file}.");
        }

        if (failed && options.Smoke)
        {
            Console.Error.WriteLine("Smoke failed: see the errors above.");
            return 1;
        }

        return 0;
    }
}
