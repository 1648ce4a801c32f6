using Mlops.Core;
using Spectre.Console;

namespace Mlops.Cli;

/// <summary>
/// The console table of <c>mlops predict SENTENCE...</c>: a probability column per label while a few fit side by side,
/// and for more labels (20 areas of an issue tracker) the winner's score and the next most likely labels instead.
/// </summary>
public static class PredictionTable
{
    /// <summary>The most labels that get a column each.</summary>
    public const int MaxLabelColumns = 4;

    /// <summary>How many runners-up a many-label row names.</summary>
    private const int RunnersUp = 2;

    /// <summary>Writes one row per prediction; for a model of sentence pairs (<paramref name="pairs"/>) each row shows its second text beside the first.</summary>
    public static void Write(IAnsiConsole console, IReadOnlyList<string> labels, bool pairs, IEnumerable<Prediction> predictions)
    {
        var table = new Table().AddColumn("sentence");
        if (pairs) table.AddColumn("text_pair");
        table.AddColumn("label");
        var wide = labels.Count <= MaxLabelColumns;
        if (wide)
            foreach (var label in labels) table.AddColumn(new TableColumn($"p({Markup.Escape(label)})").RightAligned());
        else
            table.AddColumn(new TableColumn("p").RightAligned()).AddColumn("next most likely");
        foreach (var p in predictions)
        {
            string[] texts = pairs ? [Markup.Escape(p.Text), Markup.Escape(p.Pair ?? "")] : [Markup.Escape(p.Text)];
            table.AddRow(wide
                ? [.. texts, Markup.Escape(p.Label), .. p.Probabilities.Select(x => x.ToString("F4"))]
                : [.. texts, Markup.Escape(p.Label), p.Confidence.ToString("F4"), Markup.Escape(Next(labels, p))]);
        }
        console.Write(table);
    }

    /// <summary>The labels after the winner, most likely first, each with its probability: "area-System.IO 0.1200, area-Meta 0.0800".</summary>
    private static string Next(IReadOnlyList<string> labels, Prediction prediction) =>
        string.Join(", ", prediction.Probabilities.Select((probability, i) => (probability, i)).Where(x => x.i != prediction.LabelIndex)
            .OrderByDescending(x => x.probability).Take(RunnersUp).Select(x => $"{labels[x.i]} {x.probability:F4}"));
}
