using System.Globalization;

namespace Mlops.Bench.Benchmarks.Issues;

/// <summary>
/// One seed of <c>mlops bench issues</c>: draws the split, writes its train and test TSVs into a folder of their own,
/// runs each contestant on those same files and scores its predictions.
/// </summary>
public static class IssueContest
{
    public static async Task<IReadOnlyList<IssueResult>> RunSeedAsync(IssueTable table, int seed, IReadOnlyList<IIssueContestant> contestants, string folder,
        CancellationToken cancellationToken)
    {
        var split = IssueSplit.Draw(table, seed);
        var seedFolder = Directory.CreateDirectory(Path.Combine(folder, $"seed-{seed.ToString(CultureInfo.InvariantCulture)}")).FullName;
        var files = new ContestFiles(Path.Combine(seedFolder, "train.tsv"), Path.Combine(seedFolder, "test.tsv"), seedFolder);
        await IssueTsv.WriteAsync(files.Train, split.Train, cancellationToken);
        await IssueTsv.WriteAsync(files.Test, split.Test, cancellationToken);
        var results = new List<IssueResult>();
        foreach (var contestant in contestants)
        {
            var run = await contestant.RunAsync(files, seed, cancellationToken);
            var metrics = IssueScore.Compute(table, split.Test, run.Predicted, contestant.Title);
            results.Add(new IssueResult(seed, contestant.Id, contestant.Title, split.Train.Count, split.Test.Count, metrics, run));
        }
        return results;
    }
}
