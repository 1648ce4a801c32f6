namespace Mlops.Cli.Tests;

/// <summary>
/// One tiny model trained by <c>mlops train</c> on a generated 5-label table and exported by <c>mlops export</c>, once
/// for the test class: what the 5-label chain tests predict with, serve, invoke and monitor.
/// </summary>
public sealed class FiveLabelModel : IChainModel, IAsyncLifetime
{
    /// <summary>The areas of the table, which the model card names sorted (ordinal): the label order of every answer.</summary>
    public static readonly string[] Areas = ["area-System.Net", "area-System.IO", "area-Meta", "area-System.Xml", "area-Infrastructure"];

    /// <summary>Words that mark each area's titles, so even a few steps learn something of the task.</summary>
    private static readonly string[][] Topics =
    [
        ["socket", "http", "network"], ["file", "stream", "disk"], ["docs", "readme", "process"], ["xml", "schema", "element"], ["build", "pipeline", "agent"],
    ];

    public string Dir { get; } = Directory.CreateTempSubdirectory("mlops-five-labels-").FullName;

    public string Run => Path.Combine(Dir, "run");

    public string Served => Path.Combine(Dir, "served");

    /// <summary>The label names in the model's order.</summary>
    public IReadOnlyList<string> Labels { get; } = [.. Areas.Order(StringComparer.Ordinal)];

    public MlopsProcess.Result Train { get; private set; } = null!;

    public MlopsProcess.Result Export { get; private set; } = null!;

    /// <summary>A title of area <paramref name="area"/> (an index into <see cref="Areas"/>).</summary>
    private static string Title(int area, int i) => $"the {Topics[area][i % 3]} fails with {Topics[area][(i + 1) % 3]} number {i}";

    /// <summary>Titles of each area in turn.</summary>
    public string Text(int i) => Title(i % Areas.Length, i);

    /// <summary>The table is generated: always there.</summary>
    public void RequireData()
    {
    }

    public async Task InitializeAsync()
    {
        var table = Path.Combine(Dir, "issues.csv");
        await File.WriteAllLinesAsync(table, ["Area,Title", .. Enumerable.Range(0, 150).Select(i => $"{Areas[i % 5]},{Title(i % 5, i)}")]);
        Train = await MlopsProcess.RunAsync(Dir,
            ["train", .. MlopsProcess.QuickRun, "data=table", $"data.path={table}", "data.text=[Title]", "data.label=Area", $"mlops.run.dir={Run}"]);
        Assert.True(Train.ExitCode == 0, Train.All);
        Export = await MlopsProcess.RunAsync(Dir, "export", "--model", Run, "--out", Served);
        Assert.True(Export.ExitCode == 0, Export.All);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Dir, recursive: true);
        return Task.CompletedTask;
    }
}
