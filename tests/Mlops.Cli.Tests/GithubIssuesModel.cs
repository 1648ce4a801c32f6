using Mlops.Data;

namespace Mlops.Cli.Tests;

/// <summary>
/// A tiny model trained by <c>mlops train</c> on the real GitHub issues of ../shared (1,615 dotnet/corefx issues, 22 areas,
/// Title and Description joined) and exported, once for the test class; without ../shared nothing is trained and the tests skip.
/// </summary>
public sealed class GithubIssuesModel : IChainModel, IAsyncLifetime
{
    private readonly string? _table = SharedData.GithubIssuesFile;
    private IReadOnlyList<string> _texts = [];

    public string Dir { get; } = Directory.CreateTempSubdirectory("mlops-github-issues-").FullName;

    public string Run => Path.Combine(Dir, "run");

    public string Served => Path.Combine(Dir, "served");

    public IReadOnlyList<string> Labels { get; private set; } = [];

    public MlopsProcess.Result Train { get; private set; } = null!;

    public MlopsProcess.Result Export { get; private set; } = null!;

    /// <summary>The validation issues' texts (title and description joined, as the model read them), in turn.</summary>
    public string Text(int i) => _texts[i % _texts.Count];

    public void RequireData() => Prerequisite.Require(_table is not null, "../shared/data/github-issues/corefx-issues-train.tsv is not beside this checkout",
        "put ML.NET's GitHubLabeler corefx-issues-train.tsv there to run the 22-label chain on it.");

    public async Task InitializeAsync()
    {
        if (_table is null) return;
        string[] data = ["data=table", $"data.path={_table}", "data.text=[Title,Description]", "data.label=Area"];
        var splits = await new DataOptions { Name = "table", Path = _table, Text = ["Title", "Description"], Label = "Area" }.Resolve().LoadAsync();
        (Labels, _texts) = (splits.LabelNames, [.. splits.Validation.Select(s => s.Text)]);
        Train = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun, .. data, $"mlops.run.dir={Run}"]);
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
