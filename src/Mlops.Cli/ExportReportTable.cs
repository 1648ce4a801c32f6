using Mlops.Export;
using Spectre.Console;

namespace Mlops.Cli;

/// <summary>Prints the export's parity figures case by case, the bf16 label agreement, and what ONNX Runtime fused.</summary>
public static class ExportReportTable
{
    public static void Write(IAnsiConsole console, string title, ExportResult result)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumns("case", "batch", "sentences", "max |logit diff|", "labels agree");
        foreach (var c in result.Parity.Cases)
            table.AddRow(Markup.Escape(c.Name), c.BatchSize.ToString(), c.Sentences.ToString(), $"{NumberText.Format(c.MaxLogitDifference, 3)}", $"{c.LabelsAgreeing}/{c.Sentences}");
        var verdict = result.Parity.Passed ? "[green]passed[/]" : "[red]failed[/]";
        table.AddRow($"[bold]all[/] ({verdict})", "", result.Parity.Sentences.ToString(), $"{NumberText.Format(result.Parity.MaxLogitDifference, 3)}",
            $"{result.Parity.LabelsAgreeing}/{result.Parity.Sentences}");
        console.Write(table);
        if (result.Bfloat16Labels is { } bf16)
            console.MarkupLine($"Trained with bf16 matmuls: the fp32 export agrees with its bf16 predictions on {bf16.LabelsAgreeing}/{bf16.Sentences} labels " +
                $"(max |logit diff| {NumberText.Format(bf16.MaxLogitDifference, 3)}).");
        if (result.Int8 is { } int8)
            console.MarkupLine($"int8 ({Markup.Escape(result.Int8Recipe?.Describe() ?? "")}): {int8.LabelsAgreeing}/{int8.Sentences} labels agree with TorchSharp ({int8.Agreement:P2}, at least {int8.MinimumAgreement:P0} required), " +
                $"max |logit diff| {NumberText.Format(int8.MaxLogitDifference, 3)}; {result.Bytes / 1048576.0:F1} MiB against {result.Float32Bytes / 1048576.0:F1} MiB in float32.");
        var fused = result.OptimizedOperators.Where(p => p.Key.StartsWith("com.microsoft.", StringComparison.Ordinal)).ToList();
        console.MarkupLine("ONNX Runtime fuses at load: " + Markup.Escape(fused.Count == 0 ? "nothing" : string.Join(", ", fused.Select(p => $"{p.Value} {p.Key["com.microsoft.".Length..]}"))));
    }
}
