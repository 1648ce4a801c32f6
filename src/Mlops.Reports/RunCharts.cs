using Mlops.Tracking.Artifacts;
using System.Globalization;
using ScottPlot;

namespace Mlops.Reports;

/// <summary>
/// The PNG charts a run keeps beside its model, drawn with ScottPlot so they open anywhere without the dashboard: the
/// confusion matrix with its counts, and the learning curves (training loss, and each validation metric, by step).
/// </summary>
public static class RunCharts
{
    private const int Width = 640;
    private const int Height = 480;

    /// <summary>
    /// Draws <paramref name="report"/> as a heatmap with each cell's count written on it or, <paramref name="normalized"/>,
    /// each row's shares (the diagonal is then every class's recall, and a rare class reads as clearly as a common one).
    /// The figure is sized by <see cref="ConfusionChartLayout"/>; returns the layout drawn.
    /// </summary>
    public static ConfusionChartLayout SaveConfusion(ConfusionReport report, string path, bool normalized = false)
    {
        var plot = ConfusionPlot(report, normalized, out var layout);
        plot.SavePng(path, layout.Width, layout.Height);
        return layout;
    }

    /// <summary>The confusion chart, laid out and ready to render at <paramref name="layout"/>'s size.</summary>
    public static Plot ConfusionPlot(ConfusionReport report, bool normalized, out ConfusionChartLayout layout)
    {
        var n = report.Labels.Count;
        layout = ConfusionChartLayout.For(report.Labels);
        var shares = report.RowNormalized();
        double Value(int actual, int predicted) => normalized ? shares[actual][predicted] : report.Matrix[actual][predicted];
        var values = new double[n, n];
        for (var actual = 0; actual < n; actual++)
            for (var predicted = 0; predicted < n; predicted++)
                values[actual, predicted] = Value(actual, predicted);
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        // Row 0 of the data is drawn at the top; light for few, dark for many.
        heatmap.Colormap = new ScottPlot.Colormaps.Blues().Reversed();
        if (normalized) heatmap.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(heatmap);
        var max = normalized ? 1 : Math.Max(1, report.Matrix.SelectMany(row => row).Max());
        for (var actual = 0; actual < n; actual++)
            for (var predicted = 0; predicted < n; predicted++)
            {
                var value = Value(actual, predicted);
                var text = plot.Add.Text(value.ToString(normalized ? "0.00" : "0", CultureInfo.InvariantCulture), predicted, n - 1 - actual);
                text.LabelFontSize = layout.CellFontSize;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = value > max / 2 ? Colors.White : Colors.Black;
            }
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, n).Select(i => (double)i)], [.. layout.TickLabels]);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, n).Select(i => (double)(n - 1 - i))], [.. layout.TickLabels]);
        plot.Axes.Bottom.TickLabelStyle.FontSize = layout.TickFontSize;
        plot.Axes.Left.TickLabelStyle.FontSize = layout.TickFontSize;
        if (layout.VerticalColumnLabels)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 90;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            // ScottPlot sizes the axis for labels lying flat; standing ones need their length below the cells, and the axis title.
            plot.Axes.Bottom.MinimumSize = layout.LabelPixels + 40;
        }
        plot.Axes.Margins(0, 0);
        plot.XLabel("predicted");
        plot.YLabel("true label");
        plot.Title(normalized ? "Confusion matrix (validation), rows normalised: recall per class" : "Confusion matrix (validation)");
        return plot;
    }

    /// <summary>The curves worth a shared chart: the losses, MCC and accuracy (every metric stays in the store and on the dashboard).</summary>
    private static bool Drawn(string key) => key.EndsWith("loss", StringComparison.Ordinal) || key.EndsWith("mcc", StringComparison.Ordinal) ||
        key.EndsWith("accuracy", StringComparison.Ordinal);

    /// <summary>
    /// Draws the series of <paramref name="curves"/> (key to step-ordered points) on one chart: losses on the left
    /// axis, every other metric on the right, so a loss near 0.5 and an MCC near 0.3 stay readable together.
    /// </summary>
    public static void SaveLearningCurves(IReadOnlyDictionary<string, IReadOnlyList<(long Step, double Value)>> curves, string path)
    {
        var plot = new Plot();
        var right = plot.Axes.Right;
        foreach (var (key, points) in curves.Where(c => c.Value.Count > 0 && Drawn(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var line = plot.Add.Scatter(points.Select(p => (double)p.Step).ToArray(), points.Select(p => p.Value).ToArray());
            line.LegendText = key;
            line.MarkerSize = points.Count > 50 ? 0 : 4;
            if (!key.Contains("loss", StringComparison.Ordinal)) line.Axes.YAxis = right;
        }
        plot.XLabel("step");
        plot.YLabel("loss");
        right.Label.Text = "metric";
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title("Learning curves");
        plot.SavePng(path, Width, Height);
    }
}
