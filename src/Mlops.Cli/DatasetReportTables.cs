using System.Globalization;
using Mlops.Data.Checks;
using Spectre.Console;

namespace Mlops.Cli;

/// <summary>Prints <c>mlops data check</c>'s <see cref="DatasetReport"/>: classes, splits, leakage, the examples behind each finding, and the warnings.</summary>
public static class DatasetReportTables
{
    /// <summary>Longer texts are cut in the examples table: it shows which example, the JSON has the whole text.</summary>
    private const int ShownChars = 100;

    public static void Write(IAnsiConsole console, DatasetReport report, string vocabulary)
    {
        console.MarkupLine(Markup.Escape($"Dataset '{report.Dataset}': {Count(report.Train.Examples)} training and {Count(report.Validation.Examples)} validation examples, " +
            $"tokenized with {vocabulary}; data.max_length {report.MaxLength}."));
        var classes = new Table().Title("classes").AddColumns("class", "train", "share", "validation", "share");
        foreach (var c in report.Classes)
            classes.AddRow(Markup.Escape(c.Label), c.Train == 0 ? "[red]0[/]" : Count(c.Train), Percent(c.TrainShare), Count(c.Validation), Percent(c.ValidationShare));
        console.Write(classes);
        console.MarkupLine(report.Imbalance is { } imbalance
            ? $"Imbalance (largest over smallest training class): {NumberText.Format(imbalance, 3)}."
            : "Imbalance: undefined, a class has no training example.");

        var splits = new Table().Title("splits: lengths in tokens, [[CLS]] and [[SEP]] included, before truncation")
            .AddColumns("split", "examples", "p50", "p90", "p99", "max", "truncated", "[[UNK]] rate", "empty", "duplicates", "conflicting labels");
        foreach (var split in new[] { report.Train, report.Validation })
            splits.AddRow(split.Name, Count(split.Examples), Count(split.Lengths.P50), Count(split.Lengths.P90), Count(split.Lengths.P99), Count(split.Lengths.Max),
                $"{Count(split.Lengths.Truncated)} ({Percent(split.Lengths.TruncatedShare)})", Percent(split.UnknownRate),
                Count(split.Empty.Count), Count(split.Duplicates.Count), Count(split.ConflictingLabels.Count));
        console.Write(splits);
        console.MarkupLine($"Leakage: {(report.Leakage.Count > 0 ? "[red]" : "[green]")}{Count(report.Leakage.Count)}[/] validation examples also in the training split " +
            "(texts compared trimmed, with white space runs as one space, lower-cased).");

        WriteExamples(console, report);
        foreach (var problem in report.Problems) console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(problem)}");
        if (report.Problems.Count == 0) console.MarkupLine("[green]No leakage and no empty class.[/]");
    }

    private static void WriteExamples(IAnsiConsole console, DatasetReport report)
    {
        var findings = new[] { report.Train, report.Validation }
            .SelectMany(split => new[] { ($"empty ({split.Name})", split.Empty), ($"duplicate ({split.Name})", split.Duplicates), ($"conflicting labels ({split.Name})", split.ConflictingLabels) })
            .Append(("leakage", report.Leakage));
        var table = new Table().Title($"examples: the first {TextFinding.Shown} of each finding").AddColumns("finding", "where", "label", "text");
        foreach (var (finding, found) in findings)
            foreach (var sample in found.Examples)
                table.AddRow(finding, Markup.Escape($"{sample.Part} #{sample.Row}"), Markup.Escape(string.Join(" / ", sample.Labels)), Markup.Escape(Text(sample)));
        if (table.Rows.Count > 0) console.Write(table);
    }

    /// <summary>The example quoted (so a blank one shows), a pair's texts around BERT's [SEP].</summary>
    private static string Text(ExampleSample sample) => sample.Pair is { } pair ? $"{Quote(sample.Text)} [SEP] {Quote(pair)}" : Quote(sample.Text);

    private static string Quote(string text) => $"\"{(text.Length > ShownChars ? text[..ShownChars] + "…" : text)}\"";

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double share) => $"{NumberText.Format(share * 100, 3)} %";
}
