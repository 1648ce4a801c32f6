namespace Mlops.Data.Tests.Tables;

/// <summary>Reads the real GitHub issues table from ../shared/data/github-issues beside the checkout (quoted TSV fields, empty descriptions).</summary>
public sealed class RealGithubIssuesTests
{
    [SkippableFact]
    public async Task The_corefx_issues_table_has_its_published_rows_and_areas()
    {
        var path = SharedData.GithubIssuesFile;
        Prerequisite.Require(path is not null, "../shared/data/github-issues/corefx-issues-train.tsv is not beside this checkout",
            "put ML.NET's GitHubLabeler corefx-issues-train.tsv there to run this test.");

        var splits = await new Mlops.Data.Tables.TableDatasetSource(
            new DataOptions { Name = "table", Path = path, Text = ["Title", "Description"], Label = "Area" }).LoadAsync();

        Assert.Equal(1615, splits.Train.Count + splits.Validation.Count);
        Assert.Equal(22, splits.LabelNames.Count);
        var net = splits.LabelNames.ToList().IndexOf("area-System.Net");
        Assert.Equal(477, splits.Train.Concat(splits.Validation).Count(s => s.Label == net));
        // No validation file: a tenth of each area is drawn, give or take one row per area for the rounding.
        Assert.InRange(splits.Validation.Count, 161.5 - 22, 161.5 + 22);
    }
}
