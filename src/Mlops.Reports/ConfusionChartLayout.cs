namespace Mlops.Reports;

/// <summary>
/// How big a confusion-matrix chart is and how its labels are written, from the class count and the label names, so that
/// 2 classes and 20+ long ones (<c>area-System.Runtime.InteropServices</c>) both stay readable: the figure grows with
/// the classes, each label gets a cell at least a text line high, long labels are shortened in the middle (their
/// distinguishing ends kept), and the column labels stand vertical once they would not fit their cells side by side.
/// </summary>
public sealed record ConfusionChartLayout
{
    /// <summary>The longest label drawn whole; longer ones keep their start and end around an ellipsis.</summary>
    public const int MaxLabelCharacters = 24;

    /// <summary>The pixels a whole chart's cells share at most before they shrink no further; past that, the figure grows.</summary>
    private const int DataSide = 480;

    private const int MinCell = 28;
    private const int MaxCell = 120;

    /// <summary>The labels as drawn, in class order: unique, at most <see cref="MaxLabelCharacters"/> characters.</summary>
    public required IReadOnlyList<string> TickLabels { get; init; }

    /// <summary>The side of one cell, in pixels.</summary>
    public required int CellSize { get; init; }

    /// <summary>The size of the count (or share) written in each cell.</summary>
    public required float CellFontSize { get; init; }

    /// <summary>The size of the label text on both axes; a text line of it fits in <see cref="CellSize"/>.</summary>
    public required float TickFontSize { get; init; }

    /// <summary>About how wide the longest drawn label is, in pixels: the room kept for labels beside and (standing) below the cells.</summary>
    public required int LabelPixels { get; init; }

    /// <summary>Whether the predicted labels along the bottom are drawn vertically (they would overlap side by side).</summary>
    public required bool VerticalColumnLabels { get; init; }

    /// <summary>The image's size, in pixels.</summary>
    public required int Width { get; init; }

    public required int Height { get; init; }

    public static ConfusionChartLayout For(IReadOnlyList<string> labels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(labels.Count, 1);
        var n = labels.Count;
        var cell = Math.Clamp(DataSide / n, MinCell, MaxCell);
        var tickFont = Math.Min(14f, cell * 0.5f);
        var ticks = Shorten(labels);
        // A character of the default sans-serif face is about 0.6 of the font size wide: what a label needs beside the cells.
        var labelPixels = (int)Math.Ceiling(ticks.Max(t => t.Length) * tickFont * 0.6);
        var vertical = labelPixels > cell;
        return new ConfusionChartLayout
        {
            TickLabels = ticks,
            CellSize = cell,
            CellFontSize = Math.Clamp(cell * 0.3f, 8f, 22f),
            TickFontSize = tickFont,
            LabelPixels = labelPixels,
            VerticalColumnLabels = vertical,
            Width = labelPixels + (n * cell) + 180,
            Height = (n * cell) + (vertical ? labelPixels : 20) + 110,
        };
    }

    /// <summary>Each label, or its first and last characters around an ellipsis; a clash that leaves is told apart by the class number.</summary>
    private static string[] Shorten(IReadOnlyList<string> labels)
    {
        const int head = 8;
        var shortened = labels.Select(label => label.Length <= MaxLabelCharacters
            ? label
            : string.Concat(label.AsSpan(0, head), "…", label.AsSpan(label.Length - (MaxLabelCharacters - head - 1)))).ToArray();
        var clashes = shortened.GroupBy(s => s, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return [.. shortened.Select((s, i) => clashes.Contains(s) ? Numbered(s, i) : s)];
    }

    /// <summary><paramref name="label"/> behind its class number, losing characters from its start to stay within the limit.</summary>
    private static string Numbered(string label, int index)
    {
        var prefix = $"{index}:";
        var room = MaxLabelCharacters - prefix.Length;
        return prefix + (label.Length > room ? label[^room..] : label);
    }
}
