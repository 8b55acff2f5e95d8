using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Truora.Bench;

/// <summary>The results as a fixed-width table for stdout and as a Markdown section.</summary>
internal sealed class Report(string title, string setup)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public List<PhaseResult> Phases { get; } = [];

    /// <summary>Lines under the table: ratios, targets, notes.</summary>
    public List<string> Lines { get; } = [];

    public string Text()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{title}: {setup}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"phase",-28} {"ok",9} {"errors",7} {"rate/s",10} {"p50 ms",9} {"p99 ms",9} {"p999 ms",9} {"max ms",9}");
        foreach (var phase in Phases)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{phase.Name,-28} {phase.Ok,9} {phase.Errors,7} {Number(phase.Rate, "0"),10} {Ms(phase.Percentile(0.5)),9} {Ms(phase.Percentile(0.99)),9} {Ms(phase.Percentile(0.999)),9} {Ms(phase.Max),9}");
        }

        foreach (var line in Lines)
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }

    public string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## {title}, {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", Invariant)} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{setup}. Machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}.");
        text.AppendLine();
        text.AppendLine("| phase | ok | errors | rate/s | p50 ms | p99 ms | p999 ms | max ms |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var phase in Phases)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {phase.Name} | {phase.Ok} | {phase.Errors} | {Number(phase.Rate, "0")} | {Ms(phase.Percentile(0.5))} | {Ms(phase.Percentile(0.99))} | {Ms(phase.Percentile(0.999))} | {Ms(phase.Max)} |");
        }

        text.AppendLine();
        if (Lines.Count > 0)
        {
            foreach (var line in Lines)
            {
                text.AppendLine("- " + line.Trim());
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    public static string Number(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format, Invariant);

    public static string Ms(double value) => Number(value, value < 10 ? "0.000" : value < 100 ? "0.00" : "0.0");
}
