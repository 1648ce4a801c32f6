namespace Mlops.Cli.Tests;

/// <summary>The chain's model on a generated 5-label table of issue titles: needs nothing beside the checkout.</summary>
public sealed class FiveLabelModel() : ChainModel("five-labels")
{
    /// <summary>The areas of the table, which the model card names sorted (ordinal): the label order of every answer.</summary>
    public static readonly string[] Areas = ["area-System.Net", "area-System.IO", "area-Meta", "area-System.Xml", "area-Infrastructure"];

    /// <summary>Words that mark each area's titles, so even a few steps learn something of the task.</summary>
    private static readonly string[][] Topics =
    [
        ["socket", "http", "network"], ["file", "stream", "disk"], ["docs", "readme", "process"], ["xml", "schema", "element"], ["build", "pipeline", "agent"],
    ];

    public override IReadOnlyList<string> Labels { get; } = [.. Areas.Order(StringComparer.Ordinal)];

    /// <summary>A title of area <paramref name="area"/> (an index into <see cref="Areas"/>).</summary>
    private static string Title(int area, int i) => $"the {Topics[area][i % 3]} fails with {Topics[area][(i + 1) % 3]} number {i}";

    /// <summary>Titles of each area in turn.</summary>
    public override string Text(int i) => Title(i % Areas.Length, i);

    /// <summary>The table is generated: always there.</summary>
    public override void RequireData()
    {
    }

    public override async Task InitializeAsync()
    {
        var table = Path.Combine(Dir, "issues.csv");
        await File.WriteAllLinesAsync(table, ["Area,Title", .. Enumerable.Range(0, 150).Select(i => $"{Areas[i % 5]},{Title(i % 5, i)}")]);
        await TrainAndExportAsync(["data=table", $"data.path={table}", "data.text=[Title]", "data.label=Area"]);
    }
}
