using Mlops.Config.Overrides;
using Mlops.Runs.Search;

namespace Mlops.Runs.Multirun;

/// <summary>
/// A search: <see cref="SweeperSpec.Trials"/> jobs, each proposed by the sampler from every trial so far (finished,
/// pruned, failed and still running) when a slot frees, its values written as overrides in place of the sweeps.
/// </summary>
public sealed class SearchPlan : SweepPlan
{
    private readonly List<SweepJob> _jobs = [];
    private readonly IReadOnlyList<Override> _overrides;
    private readonly Func<IReadOnlyList<Override>, int, SweepJob> _plan;
    private readonly ISampler _sampler;

    /// <param name="overrides">The multirun's overrides, sweeps among them.</param>
    /// <param name="plan">Resolves one job's config from its overrides and number (a config error throws).</param>
    /// <param name="sweeper">The sampler (random or TPE), its seed and the budget of trials.</param>
    /// <param name="objective">The metric the sampler optimizes, and its direction.</param>
    /// <param name="previous">The trials an earlier run of this sweep recorded: they are planned again with their values, kept when they ended.</param>
    public SearchPlan(IReadOnlyList<Override> overrides, Func<IReadOnlyList<Override>, int, SweepJob> plan, SweeperSpec sweeper, SweepObjective objective,
        IReadOnlyDictionary<int, SweepSummary.Entry> previous)
        : this(overrides, SearchSpaces.From(overrides), plan, sweeper, objective, previous)
    {
    }

    private SearchPlan(IReadOnlyList<Override> overrides, SearchSpace space, Func<IReadOnlyList<Override>, int, SweepJob> plan, SweeperSpec sweeper,
        SweepObjective objective, IReadOnlyDictionary<int, SweepSummary.Entry> previous)
        : base(Corners(overrides, plan, space), sweeper, objective)
    {
        (_overrides, _plan, Space) = (overrides, plan, space);
        _sampler = sweeper.Kind == SweeperKind.Tpe
            ? new TpeSampler(sweeper.Seed, objective.Maximize, new TpeOptions(sweeper.StartupTrials, Multivariate: sweeper.Multivariate))
            : new RandomSampler(sweeper.Seed);
        foreach (var entry in previous.Values.OrderBy(e => e.Num))
        {
            var job = plan(OverrideParser.ParseAll(entry.Overrides), entry.Num);
            job.Params = Space.Parameters.ToDictionary(p => p.Key, p => ValueOf(p, job.Overrides));
            Restore(job, previous);
            _jobs.Add(job);
        }
    }

    public SearchSpace Space { get; }
    public override IReadOnlyList<SweepJob> Jobs => _jobs;
    public override int Total => Sweeper.Trials;

    public override SweepJob? Next()
    {
        if (_jobs.FirstOrDefault(j => j.Status == "queued") is { } again) return again; // an earlier run's trial that did not end
        if (_jobs.Count >= Total) return null;
        var values = _sampler.Propose(Space, [.. _jobs.Select(j => j.Trial)]);
        var job = _plan(Overrides(values), _jobs.Count);
        job.Params = values;
        _jobs.Add(job);
        return job;
    }

    private IReadOnlyList<Override> Overrides(IReadOnlyDictionary<string, double> values) => OverridesFor(_overrides, Space, values);

    private static IReadOnlyList<Override> OverridesFor(IReadOnlyList<Override> overrides, SearchSpace space, IReadOnlyDictionary<string, double> values) =>
        [.. overrides.Select(o => o.IsSweep ? SearchSpaces.Pick(o, space.Parameters.First(p => p.Key == o.Key).Distribution.Format(values[o.Key])) : o)];

    /// <summary>A trial's value of <paramref name="parameter"/>, read back from the override that gave it.</summary>
    private static double ValueOf(SearchParameter parameter, IReadOnlyList<Override> overrides)
    {
        var text = overrides.Last(o => o.Key == parameter.Key).Value!.Text;
        return parameter.Distribution switch
        {
            CategoricalDistribution c => c.Choices.ToList().IndexOf(text) is >= 0 and var i ? i
                : throw new Config.ConfigException($"{parameter.Key}={text} is not one of {c}.", "The sweep's choices changed since it started; start a new sweep."),
            _ => Config.Tree.ScalarLiteral.ParseFloat(text),
        };
    }

    /// <summary>
    /// Checks the configs at the space's corners (every parameter at its low end, then at its high end) before any trial
    /// starts, so a typo or a bound the config refuses fails in a second; returns the low corner's job.
    /// </summary>
    private static SweepJob Corners(IReadOnlyList<Override> overrides, Func<IReadOnlyList<Override>, int, SweepJob> plan, SearchSpace space)
    {
        SweepJob Corner(Func<Distribution, double> end) =>
            plan(OverridesFor(overrides, space, space.Parameters.ToDictionary(p => p.Key, p => end(p.Distribution))), 0);
        var low = Corner(d => d switch { FloatDistribution f => f.Low, IntDistribution i => i.Low, _ => 0 });
        Corner(d => d switch { FloatDistribution f => f.High, IntDistribution i => i.High, CategoricalDistribution c => c.Choices.Count - 1, _ => 0 });
        return low;
    }
}
