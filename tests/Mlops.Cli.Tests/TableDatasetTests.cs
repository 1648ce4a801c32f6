using System.Text.Json;

namespace Mlops.Cli.Tests;

/// <summary><c>data=table</c> from the command line: the config binds its keys, training reads a user's CSV, and a bad row stops it with exit code 3.</summary>
public sealed class TableDatasetTests : TempDirectoryTest
{
    private static readonly string[] Areas = ["area-System.Net", "area-System.IO", "area-Meta", "area-System.Xml", "area-Infrastructure"];

    /// <summary>A CSV of GitHub-like issues: Title, Description (quoted, with commas and line breaks) and Area, 5 areas.</summary>
    private string WriteIssues(string? lastRow = null)
    {
        var rows = Enumerable.Range(0, 60).Select(i =>
            $"{i},{Areas[i % Areas.Length]},Issue {i} about {Areas[i % Areas.Length][5..]},\"Steps, then\nexpected {i}\"");
        var path = Path.Combine(Dir, "issues.csv");
        File.WriteAllText(path, "ID,Area,Title,Description\n" + string.Join('\n', rows) + "\n" + lastRow);
        return path;
    }

    [Fact]
    public async Task Train_on_a_csv_joins_title_and_description_and_the_model_card_names_its_labels()
    {
        var path = WriteIssues();

        var train = await MlopsProcess.RunAsync(Dir,
            ["train", .. MlopsProcess.QuickRun, "data=table", $"data.path={path}", "data.text=[Title,Description]", "data.label=Area", "mlops.run.dir=run"]);

        Assert.True(train.ExitCode == 0, train.All);
        using var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "run", "model", "mlops.json")));
        Assert.Equal(Areas.Order(StringComparer.Ordinal), card.RootElement.GetProperty("labels").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("issues.csv", card.RootElement.GetProperty("dataset").GetString());
        var config = File.ReadAllText(Path.Combine(Dir, "run", "config.yaml"));
        Assert.Contains("split_seed: 42", config);
        Assert.Contains("text: [Title, Description]", config);

        // The card records the columns, so predicting a file of the same shape needs no --column: it reads and joins them.
        var input = card.RootElement.GetProperty("input");
        Assert.Equal(["Title", "Description"], input.GetProperty("text").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(" | ", input.GetProperty("separator").GetString());
        var predict = await MlopsProcess.RunAsync(Dir, "predict", "--model", "run", "--input", path);
        Assert.True(predict.ExitCode == 0, predict.All);
        var first = JsonDocument.Parse(predict.StdOut.Split('\n')[0]).RootElement;
        Assert.Equal("Issue 0 about System.Net | Steps, then\nexpected 0", first.GetProperty("text").GetString());
        Assert.Contains(first.GetProperty("label").GetString(), Areas);
    }

    [Fact]
    public async Task A_bad_row_stops_training_with_exit_code_3_naming_the_file_line_and_column()
    {
        var path = WriteIssues(lastRow: "61,,Untriaged,No area yet\n");

        var train = await MlopsProcess.RunAsync(Dir,
            ["train", .. MlopsProcess.QuickRun, "data=table", $"data.path={path}", "data.text=[Title,Description]", "data.label=Area", "mlops.run.dir=run"]);

        Assert.True(train.ExitCode == 3, train.All);
        // 60 records of two lines each after the header: the 61st record starts on line 122.
        Assert.Contains($"{path}, line 122, column 'Area': the label is empty.", train.StdErr);
        Assert.False(File.Exists(Path.Combine(Dir, "run", "model", "mlops.json")));
    }
}
