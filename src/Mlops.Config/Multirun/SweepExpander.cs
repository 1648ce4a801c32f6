using Mlops.Config.Overrides;

namespace Mlops.Config.Multirun;

/// <summary>
/// Expands sweeps into jobs, as Hydra's basic sweeper does: the cartesian product of every sweep's values,
/// the first override varying slowest. Overrides without a sweep are copied into every job.
/// </summary>
public static class SweepExpander
{
    public const int MaxJobs = 1000;

    public static IReadOnlyList<IReadOnlyList<Override>> Expand(IReadOnlyList<Override> overrides)
    {
        IEnumerable<IReadOnlyList<Override>> jobs = [[]];
        var count = 1L;
        foreach (var o in overrides)
        {
            if (o.Domain?.Function == SweepFunction.Interval)
                throw new ConfigException($"'{o.Text}' is a continuous interval, which a grid cannot enumerate.",
                    "Search it instead: add sweeper=random or sweeper=tpe (sweeper.trials sets how many trials), or list values: a,b,c.");
            var choices = o.IsSweep ? o.Values.Select(o.With).ToArray() : [o];
            count *= choices.Length;
            if (count > MaxJobs)
                throw new ConfigException($"The sweep expands to more than {MaxJobs} jobs.", "Sweep fewer values, or split it into several multiruns.");
            jobs = jobs.SelectMany(job => choices.Select(choice => (IReadOnlyList<Override>)[.. job, choice]));
        }
        return [.. jobs];
    }
}
