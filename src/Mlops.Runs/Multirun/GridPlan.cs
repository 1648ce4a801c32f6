using Mlops.Runs.Search;

namespace Mlops.Runs.Multirun;

/// <summary>Every combination of the sweeps' values, planned and checked before any job starts, run in order.</summary>
public sealed class GridPlan(IReadOnlyList<SweepJob> jobs, SweeperSpec sweeper, SweepObjective objective) : SweepPlan(jobs[0], sweeper, objective)
{
    private int _next;

    public override IReadOnlyList<SweepJob> Jobs => jobs;
    public override int Total => jobs.Count;
    public override SweepJob? Next() => _next < jobs.Count ? jobs[_next++] : null;
}
