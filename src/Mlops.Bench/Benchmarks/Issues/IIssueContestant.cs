namespace Mlops.Bench.Benchmarks.Issues;

/// <summary>
/// One side of <c>mlops bench issues</c>: given a seed's train and test files, it trains, predicts every test row's
/// area and says what that cost. Every contestant gets the same files and is scored the same way (<see cref="IssueScore"/>).
/// </summary>
public interface IIssueContestant
{
    /// <summary>A short key for the JSON result, e.g. <c>mlnet</c>.</summary>
    string Id { get; }

    /// <summary>What the table shows.</summary>
    string Title { get; }

    Task<ContestantRun> RunAsync(ContestFiles files, int seed, CancellationToken cancellationToken);
}

/// <summary>A seed's input files (written by <see cref="IssueTsv"/>) and a folder the contestant may write into.</summary>
public sealed record ContestFiles(string Train, string Test, string Folder);

/// <summary>
/// What a contestant returns: the predicted area of each test row in file order, the seconds it spent training and
/// predicting by its own clock, and its process's wall time and peak RSS (<see cref="Measurement"/>).
/// </summary>
public sealed record ContestantRun(IReadOnlyList<string> Predicted, double TrainSeconds, double PredictSeconds, double WallSeconds, double PeakRssMb);
