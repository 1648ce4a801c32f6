using Spectre.Console;

namespace Mlops.Cli;

/// <summary>Prints named metric values as a two-column table.</summary>
public static class MetricsTable
{
    public static void Write(IAnsiConsole console, string title, IReadOnlyDictionary<string, double> metrics)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        foreach (var (key, value) in metrics.OrderBy(m => m.Key))
            table.AddRow(Markup.Escape(key), NumberText.Format(value));
        console.Write(table);
    }
}
