using Mlops.Workflows;
using Spectre.Console;

namespace Mlops.Cli;

/// <summary>
/// Prints a model's scores on each validation part (and their union) as one table, then every class's support, precision,
/// recall and F1 over all parts: with many labels the averages hide which classes the model cannot tell apart.
/// </summary>
public static class EvaluationTable
{
    public static void Write(IAnsiConsole console, string title, EvaluationReport report)
    {
        var table = new Table().Title(Markup.Escape(title))
            .AddColumns("part", "sentences", "accuracy", "MCC", "F1 macro", "F1 weighted", "precision macro", "recall macro");
        foreach (var (part, m) in report.Metrics)
            table.AddRow(Markup.Escape(part), m.Count.ToString(), $"{m.Accuracy:F4}", $"{m.Mcc:F4}", $"{m.F1Macro:F4}", $"{m.F1Weighted:F4}",
                $"{m.PrecisionMacro:F4}", $"{m.RecallMacro:F4}");
        console.Write(table);

        var classes = new Table().Title($"Per class, {report.LabelNames.Count} labels")
            .AddColumns("label", "support", "precision", "recall", "F1");
        foreach (var c in report.PerClass())
            classes.AddRow(Markup.Escape(c.Label), c.Support.ToString(), $"{c.Precision:F4}", $"{c.Recall:F4}", $"{c.F1:F4}");
        console.Write(classes);
    }
}
