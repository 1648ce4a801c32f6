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
    public SearchPlan(IReadOnlyList<Override> overrides, Func<IReadOnlyList<Override>, int, SweepJob> plan, SweeperSpec sweeper, SweepObjective objective)
        : base(Corners(overrides, plan, SearchSpaces.From(overrides)), sweeper, objective)
    {
        (_overrides, _plan) = (overrides, plan);
        Space = SearchSpaces.From(overrides);
        _sampler = sweeper.Kind == SweeperKind.Tpe ? new TpeSampler(sweeper.Seed, objective.Maximize) : new RandomSampler(sweeper.Seed);
    }

    public SearchSpace Space { get; }
    public override IReadOnlyList<SweepJob> Jobs => _jobs;
    public override int Total => Sweeper.Trials;

    public override SweepJob? Next()
    {
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
