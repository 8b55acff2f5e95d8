using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Truora.Bench;

/// <summary>
/// The results of either harness as fixed-width text for stdout and as a Markdown section: a phase table, an optional
/// table of figures (the grain harness's memory mode), then lines of notes (the phases' own notes first).
/// </summary>
internal sealed class Report(string title, string setup)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public List<PhaseResult> Phases { get; } = [];

    /// <summary>Column names of <see cref="Figures"/>; the first names the row.</summary>
    public string[] FigureColumns { get; set; } = [];

    public List<string[]> Figures { get; } = [];

    /// <summary>Lines under the tables: ratios, targets, fairness, what the process holds, errors.</summary>
    public List<string> Lines { get; } = [];

    /// <summary>The phases' notes, then <see cref="Lines"/>.</summary>
    private IEnumerable<string> Notes =>
        Phases.Where(phase => phase.Note is not null).Select(phase => $"{phase.Name}: {phase.Note}").Concat(Lines);

    public string Text()
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"{title}: {setup}");
        if (Phases.Count > 0)
        {
            text.AppendLine(Invariant, $"{"phase",-34} {"ok",9} {"errors",7} {"rate/s",9} {"p50 ms",9} {"p99 ms",9} {"p999 ms",9} {"max ms",9}");
            foreach (var phase in Phases)
            {
                text.AppendLine(Invariant,
                    $"{phase.Name,-34} {phase.Ok,9} {phase.Errors,7} {Number(phase.Rate, "0"),9} {Ms(phase.P50),9} {Ms(phase.P99),9} {Ms(phase.P999),9} {Ms(phase.Max),9}");
            }
        }

        if (Figures.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(FixedRow(FigureColumns));
            foreach (var row in Figures)
            {
                text.AppendLine(FixedRow(row));
            }
        }

        text.AppendLine();
        foreach (var line in Notes)
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }

    public string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"## {title}, {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", Invariant)} UTC");
        text.AppendLine();
        text.AppendLine(Invariant,
            $"{setup}. Machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}.");
        text.AppendLine();
        if (Phases.Count > 0)
        {
            text.AppendLine("| phase | ok | errors | rate/s | p50 ms | p99 ms | p999 ms | max ms |");
            text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var phase in Phases)
            {
                text.AppendLine(Invariant,
                    $"| {phase.Name} | {phase.Ok} | {phase.Errors} | {Number(phase.Rate, "0")} | {Ms(phase.P50)} | {Ms(phase.P99)} | {Ms(phase.P999)} | {Ms(phase.Max)} |");
            }

            text.AppendLine();
        }

        if (Figures.Count > 0)
        {
            text.AppendLine("| " + string.Join(" | ", FigureColumns) + " |");
            text.AppendLine("| --- |" + string.Concat(Enumerable.Repeat(" ---: |", FigureColumns.Length - 1)));
            foreach (var row in Figures)
            {
                text.AppendLine("| " + string.Join(" | ", row) + " |");
            }

            text.AppendLine();
        }

        var notes = Notes.ToList();
        foreach (var line in notes)
        {
            text.AppendLine("- " + line.Trim());
        }

        if (notes.Count > 0)
        {
            text.AppendLine();
        }

        return text.ToString();
    }

    public static string Number(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format, Invariant);

    public static string Ms(double value) => Number(value, value < 10 ? "0.000" : value < 100 ? "0.00" : "0.0");

    public static string MiB(double bytes) => Number(bytes / 1048576.0, "N1") + " MiB";

    private static string FixedRow(string[] cells) =>
        string.Join(" ", cells.Select((cell, i) => i == 0 ? cell.PadRight(40) : cell.PadLeft(14)));
}
