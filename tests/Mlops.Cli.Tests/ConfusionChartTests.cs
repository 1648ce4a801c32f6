using System.Buffers.Binary;
using Mlops.Reports;
using Mlops.Tracking.Artifacts;

namespace Mlops.Cli.Tests;

/// <summary>The confusion matrix PNG at 2, 5 and 22 classes: the figure grows with the classes and long labels stay readable, never overlapping.</summary>
public sealed class ConfusionChartTests : TempDirectoryTest
{
    /// <summary>22 dotnet/runtime-like area labels, several longer than a label is drawn whole and sharing long prefixes.</summary>
    public static readonly string[] Areas =
    [
        "area-System.Runtime.InteropServices", "area-System.Runtime.CompilerServices", "area-System.Net.Http", "area-System.Net.Sockets",
        "area-System.IO", "area-System.IO.Compression", "area-System.Text.Json", "area-System.Text.RegularExpressions", "area-Meta",
        "area-Infrastructure-libraries", "area-System.Collections", "area-System.Linq", "area-System.Threading.Tasks",
        "area-System.Security.Cryptography", "area-System.Diagnostics.Tracing", "area-System.Globalization", "area-Serialization",
        "area-System.Xml", "area-System.Reflection.Emit", "area-CodeGen-coreclr", "area-GC-coreclr", "area-VM-coreclr",
    ];

    /// <summary>A report over the first <paramref name="classes"/> areas: most of each row right, some spread over its neighbours.</summary>
    public static ConfusionReport Report(int classes)
    {
        var random = new Random(classes);
        var matrix = Enumerable.Range(0, classes).Select(actual => (IReadOnlyList<int>)[.. Enumerable.Range(0, classes)
            .Select(predicted => predicted == actual ? 20 + random.Next(200) : random.Next(4) == 0 ? random.Next(15) : 0)]).ToList();
        return new ConfusionReport(Areas[..classes], matrix);
    }

    private static (int Width, int Height) PngSize(string path)
    {
        var header = File.ReadAllBytes(path)[..24];
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], header[..4]);
        return (BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
    }

    [Fact]
    public void The_figure_grows_with_the_class_count()
    {
        var sizes = new[] { 2, 5, 22 }.Select(classes =>
        {
            var path = Path.Combine(Dir, $"confusion-{classes}.png");
            var layout = RunCharts.SaveConfusion(Report(classes), path);
            Assert.Equal((layout.Width, layout.Height), PngSize(path));
            return (layout.Width, layout.Height);
        }).ToList();

        Assert.True(sizes[1].Width > sizes[0].Width && sizes[1].Height > sizes[0].Height, string.Join(", ", sizes));
        Assert.True(sizes[2].Width > sizes[1].Width && sizes[2].Height > sizes[1].Height, string.Join(", ", sizes));
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(22, false)]
    [InlineData(22, true)]
    public void Every_label_gets_a_cell_at_least_a_line_high_inside_the_image(int classes, bool normalized)
    {
        var plot = RunCharts.ConfusionPlot(Report(classes), normalized, out var layout);
        plot.GetImage(layout.Width, layout.Height).Dispose();
        var data = plot.RenderManager.LastRender.DataRect;

        // The axis labels were laid out around the cells, not over them: each of the n rows and columns is a text line.
        Assert.True(data.Width / classes >= layout.TickFontSize * 1.2, $"{data.Width / classes:F1} px columns for {layout.TickFontSize} px labels");
        Assert.True(data.Height / classes >= layout.TickFontSize * 1.2, $"{data.Height / classes:F1} px rows for {layout.TickFontSize} px labels");
        // Room for the longest label on the left (the true labels) and, standing, below (the predicted ones).
        var longest = layout.TickLabels.Max(t => t.Length) * layout.TickFontSize * 0.5;
        Assert.True(data.Left >= longest, $"{data.Left} px left of the cells for labels of about {longest:F0} px");
        if (layout.VerticalColumnLabels) Assert.True(layout.Height - data.Bottom >= longest, $"{layout.Height - data.Bottom} px below the cells");
        Assert.True(classes < 22 || layout.VerticalColumnLabels, "22 labels side by side would overlap");
    }

    [Fact]
    public void Long_labels_are_shortened_in_the_middle_and_stay_distinct()
    {
        var layout = ConfusionChartLayout.For(Areas);

        Assert.Equal(Areas.Length, layout.TickLabels.Distinct().Count());
        Assert.All(layout.TickLabels, t => Assert.InRange(t.Length, 1, ConfusionChartLayout.MaxLabelCharacters));
        Assert.Equal("area-Sys…InteropServices", layout.TickLabels[0]);
        Assert.Equal("area-System.IO", layout.TickLabels[4]);
        Assert.Equal(["unacceptable", "acceptable"], ConfusionChartLayout.For(["unacceptable", "acceptable"]).TickLabels);
    }

    [Fact]
    public void Row_normalised_cells_are_each_classs_share_and_an_empty_row_stays_zero()
    {
        var report = new ConfusionReport(["a", "b", "c"], [[3, 1, 0], [0, 0, 0], [1, 1, 2]]);

        Assert.Equal([[0.75, 0.25, 0], [0, 0, 0], [0.25, 0.25, 0.5]], report.RowNormalized());
    }
}
