using Mlops.Data;

namespace Mlops.Cli.Tests;

/// <summary>
/// The chain's model on the real GitHub issues of ../shared (1,615 dotnet/corefx issues, 22 areas, Title and Description
/// joined); without ../shared nothing is trained and the tests skip (under CI they fail).
/// </summary>
public sealed class GithubIssuesModel() : ChainModel("github-issues")
{
    private readonly string? _table = SharedData.GithubIssuesFile;
    private IReadOnlyList<string> _labels = [];
    private IReadOnlyList<string> _texts = [];

    public override IReadOnlyList<string> Labels => _labels;

    /// <summary>The validation issues' texts (title and description joined, as the model read them), in turn.</summary>
    public override string Text(int i) => _texts[i % _texts.Count];

    public override void RequireData() => Prerequisite.Require(_table is not null, "../shared/data/github-issues/corefx-issues-train.tsv is not beside this checkout",
        "put ML.NET's GitHubLabeler corefx-issues-train.tsv there to run the 22-label chain on it.");

    public override async Task InitializeAsync()
    {
        if (_table is null) return;
        var splits = await new DataOptions { Name = "table", Path = _table, Text = ["Title", "Description"], Label = "Area" }.Resolve().LoadAsync();
        (_labels, _texts) = (splits.LabelNames, [.. splits.Validation.Select(s => s.Text)]);
        await TrainAndExportAsync(["data=table", $"data.path={_table}", "data.text=[Title,Description]", "data.label=Area"]);
    }
}
