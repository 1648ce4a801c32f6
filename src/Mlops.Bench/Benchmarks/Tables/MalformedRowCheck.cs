using Mlops.Core;
using Mlops.Core.Processes;

namespace Mlops.Bench.Benchmarks.Tables;

/// <summary>
/// What a user sees when a row near the end of a large table is ragged: <c>mlops data check</c> on
/// <see cref="GeneratedTable"/>'s ragged file must exit 3 with one error line naming the file and the line the row starts
/// on. Anything else fails the benchmark loudly (<see cref="MlopsException"/>); the time to the error is what it reports.
/// </summary>
public sealed record MalformedRowCheck(string Message, double Seconds, double PeakRssMb)
{
    /// <summary>Runs <c>mlops data check</c> (<paramref name="mlops"/> with <paramref name="prefix"/>, e.g. <c>dotnet mlops.dll</c>) on <paramref name="table"/>.</summary>
    public static async Task<MalformedRowCheck> RunAsync(string mlops, IReadOnlyList<string> prefix, GeneratedTable table, CancellationToken cancellationToken)
    {
        var line = table.RaggedLine ?? throw new ArgumentException($"{table.Path} has no ragged row.", nameof(table));
        var run = await ChildProcess.RunAsync(mlops, [.. prefix, "data", "check", .. table.Overrides, "--json"], cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var message = run.StdErrTail.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal)) ?? "";
        var expected = $"{table.Path}, line {line}, column 'split': missing";
        if (run.ExitCode != ExitCodes.DataError || !message.Contains(expected, StringComparison.Ordinal) || run.StdErrTail.Contains("   at ", StringComparison.Ordinal))
            throw new MlopsException($"mlops data check on the table with row {table.RaggedRow} ragged exited {run.ExitCode}, not {ExitCodes.DataError} with an error " +
                                     $"naming '{expected}'; it said: {run.StdErrTail.Trim()}");
        return new MalformedRowCheck(message, run.Elapsed.TotalSeconds, run.PeakRssMb);
    }
}
