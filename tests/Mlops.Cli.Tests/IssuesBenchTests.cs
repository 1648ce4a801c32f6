using Mlops.Bench.Benchmarks.Issues;
using Mlops.Core.Processes;

namespace Mlops.Cli.Tests;

/// <summary>
/// <c>mlops bench issues</c> on generated issues: the TSV the contestants get keeps every field, the split holds out a
/// fifth of each area, and the ML.NET anchor (bench/Mlops.Bench.MlNet, built with this project) learns areas from
/// their words when run as the benchmark runs it, and refuses a wrong file with one line.
/// </summary>
public sealed class IssuesBenchTests : TempDirectoryTest
{
    private static readonly Dictionary<string, string[]> AreaWords = new()
    {
        ["area-System.Net"] = ["socket", "http", "dns", "tcp", "proxy", "header"],
        ["area-System.IO"] = ["file", "stream", "path", "directory", "pipe", "disk"],
        ["area-System.Xml"] = ["xml", "schema", "xpath", "element", "attribute", "xslt"],
    };

    private static readonly string[] SharedWords = ["the", "fails", "when", "on", "linux", "after", "update", "with", "a", "test"];

    /// <summary>30 issues per area: a title and description of the area's words among shared ones, with tabs, line breaks and quotes in the descriptions.</summary>
    private static IssueTable Generated()
    {
        var random = new Random(11);
        string Words(string[] own, int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => i % 2 == 0 ? own[random.Next(own.Length)] : SharedWords[random.Next(SharedWords.Length)]));
        var rows = new List<IssueRow>();
        for (var i = 0; i < 90; i++)
        {
            var (area, own) = AreaWords.ElementAt(i % 3);
            rows.Add(new IssueRow($"{1000 + i}", area, Words(own, 6), $"{Words(own, 10)}\n\tStack:\t\"{Words(own, 3)}\"\r\n{Words(own, 8)}"));
        }
        return IssueTable.Of(rows, "generated");
    }

    private static string AnchorProgram()
    {
        // The anchor is built beside this project's output: the same configuration, framework and runtime folders.
        var root = RepositoryRoot.Find();
        var layout = Path.GetRelativePath(Path.Combine(root, "tests", "Mlops.Cli.Tests"), AppContext.BaseDirectory);
        var program = Path.Combine(root, "bench", "Mlops.Bench.MlNet", layout, "Mlops.Bench.MlNet.dll");
        Assert.True(File.Exists(program), $"{program} is not built; this test project references bench/Mlops.Bench.MlNet so that it is.");
        return program;
    }

    [Fact]
    public async Task The_contestants_files_keep_tabs_line_breaks_and_quotes()
    {
        var table = Generated();
        var path = Path.Combine(Dir, "issues.tsv");
        await IssueTsv.WriteAsync(path, table.Rows, CancellationToken.None);
        Assert.Equal(table.Rows, await IssueTsv.ReadAsync(path, CancellationToken.None));
    }

    [Fact]
    public void The_split_holds_out_a_fifth_of_each_area_and_depends_on_the_seed()
    {
        var table = Generated();
        var split = IssueSplit.Draw(table, seed: 1);
        Assert.All(table.Areas, area => Assert.Equal(6, split.Test.Count(r => r.Area == area)));
        Assert.Equal(table.Rows.Count, split.Train.Concat(split.Test).Select(r => r.Id).Distinct().Count());
        Assert.NotEqual(split.Test, IssueSplit.Draw(table, seed: 2).Test);
    }

    [Fact]
    public async Task The_mlnet_anchor_learns_the_areas_from_their_words()
    {
        var table = Generated();
        var results = await IssueContest.RunSeedAsync(table, 1, [new MlNetContestant(AnchorProgram())], Dir, CancellationToken.None);

        var result = Assert.Single(results);
        Assert.Equal((72, 18), (result.TrainRows, result.TestRows));
        // Chance is 1/3; the areas' own words make every issue easy.
        Assert.True(result.Metrics.Accuracy >= 0.9, $"accuracy {result.Metrics.Accuracy:F3}");
        Assert.True(result.Run.PeakRssMb > 0 && result.Run.TrainSeconds > 0);
    }

    [Fact]
    public async Task The_mlnet_anchor_refuses_a_file_without_the_issue_columns_in_one_line()
    {
        var wrong = Path.Combine(Dir, "wrong.tsv");
        await File.WriteAllTextAsync(wrong, "text\tlabel\nhello\t1\n");
        var run = await ChildProcess.RunAsync("dotnet", [AnchorProgram(), "--train", wrong, "--test", wrong, "--predictions", Path.Combine(Dir, "p.jsonl"), "--seed", "1"],
            CancellationToken.None);

        Assert.Equal(3, run.ExitCode);
        var line = Assert.Single(run.StdErrTail.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--train", line);
        Assert.Contains("ID, Area, Title, Description", line);
    }
}
