using Mlops.Metrics;
using Spectre.Console;

namespace Mlops.Cli;

/// <summary>Prints a model's scores on each validation part (and their union) as one table.</summary>
public static class EvaluationTable
{
    public static void Write(IAnsiConsole console, string title, IReadOnlyDictionary<string, ClassificationMetrics> results)
    {
        var table = new Table().Title(Markup.Escape(title))
            .AddColumns("part", "sentences", "accuracy", "MCC", "F1 macro", "precision macro", "recall macro");
        foreach (var (part, m) in results)
            table.AddRow(part, m.Count.ToString(), $"{m.Accuracy:F4}", $"{m.Mcc:F4}", $"{m.F1Macro:F4}", $"{m.PrecisionMacro:F4}", $"{m.RecallMacro:F4}");
        console.Write(table);
    }
}
