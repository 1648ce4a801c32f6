using Mlops.Tracking.Artifacts;
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

    /// <summary>Draws <paramref name="report"/> as a heatmap with each cell's count written on it.</summary>
    public static void SaveConfusion(ConfusionReport report, string path)
    {
        var n = report.Labels.Count;
        var counts = new double[n, n];
        for (var actual = 0; actual < n; actual++)
            for (var predicted = 0; predicted < n; predicted++)
                counts[actual, predicted] = report.Matrix[actual][predicted];
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(counts);
        // Row 0 of the data is drawn at the top; light for few, dark for many.
        heatmap.Colormap = new ScottPlot.Colormaps.Blues().Reversed();
        plot.Add.ColorBar(heatmap);
        var max = Math.Max(1, report.Matrix.SelectMany(row => row).Max());
        for (var actual = 0; actual < n; actual++)
            for (var predicted = 0; predicted < n; predicted++)
            {
                var count = report.Matrix[actual][predicted];
                var text = plot.Add.Text(count.ToString(System.Globalization.CultureInfo.InvariantCulture), predicted, n - 1 - actual);
                text.LabelFontSize = 22;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = count > max / 2 ? Colors.White : Colors.Black;
            }
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, n).Select(i => (double)i)], [.. report.Labels]);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, n).Select(i => (double)(n - 1 - i))], [.. report.Labels]);
        plot.XLabel("predicted");
        plot.YLabel("true label");
        plot.Title("Confusion matrix (validation)");
        plot.SavePng(path, Width, Height);
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
