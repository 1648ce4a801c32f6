using Mlops.Cli.Commands;
using Mlops.Cli.Configuration;
using Mlops.Core;
using Mlops.Tracking;
using Spectre.Console;

namespace Mlops.Cli;

/// <summary>
/// After a tracked multirun, the sweep as its store holds it: every job's run, best first by the monitored metric, with
/// run ids to compare or open in the dashboard. A store that cannot be read costs a line, never the sweep's exit code.
/// </summary>
public static class SweepRunsTable
{
    public static async Task WriteAsync(IAnsiConsole console, TrackingSpec tracking, string sweep, string monitor, CancellationToken cancellationToken)
    {
        try
        {
            await using var store = TrackingStores.Open(tracking.Uri);
            var runs = await store.ListRunsAsync(new RunQuery { Sweep = sweep, SortMetric = monitor, Limit = 1000 }, cancellationToken);
            if (runs.Count == 0) return;
            console.Write(RunsListCommand.Table(runs, monitor).Title($"sweep in {tracking.Uri}, best {monitor} first"));
            console.MarkupLineInterpolated($"Compare: mlops runs compare --run {runs[0].Id} --run {runs[^1].Id}; all of it: mlops runs list --sweep {sweep}");
        }
        catch (MlopsException e)
        {
            console.MarkupLineInterpolated($"[yellow]The sweep's runs could not be read from {tracking.Uri}: {e.Message}[/]");
        }
    }
}
