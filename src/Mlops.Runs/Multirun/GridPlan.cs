using Mlops.Runs.Search;

namespace Mlops.Runs.Multirun;

/// <summary>Every combination of the sweeps' values, planned and checked before any job starts, run in order (those an earlier run finished skipped).</summary>
public sealed class GridPlan : SweepPlan
{
    private readonly IReadOnlyList<SweepJob> _jobs;
    private int _next;

    public GridPlan(IReadOnlyList<SweepJob> jobs, SweeperSpec sweeper, SweepObjective objective, IReadOnlyDictionary<int, SweepSummary.Entry> previous)
        : base(jobs[0], sweeper, objective)
    {
        _jobs = jobs;
        foreach (var job in jobs) Restore(job, previous);
    }

    public override IReadOnlyList<SweepJob> Jobs => _jobs;
    public override int Total => _jobs.Count;

    public override SweepJob? Next()
    {
        while (_next < _jobs.Count && _jobs[_next].Status != "queued") _next++;
        return _next < _jobs.Count ? _jobs[_next++] : null;
    }
}
