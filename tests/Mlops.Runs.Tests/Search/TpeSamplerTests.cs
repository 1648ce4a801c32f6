using Mlops.Runs.Search;

namespace Mlops.Runs.Tests.Search;

/// <summary>TPE draws at random until it has learned something, then concentrates where the objective is good.</summary>
public sealed class TpeSamplerTests
{
    private static readonly SearchSpace Line = new([new SearchParameter("x", new FloatDistribution(-10, 10))]);

    private static double Quadratic(IReadOnlyDictionary<string, double> p) => (p["x"] - 2.5) * (p["x"] - 2.5);

    [Fact]
    public void Its_first_proposals_are_random_search_with_the_same_seed()
    {
        var tpe = SequentialStudy.Run(new TpeSampler(11, maximize: false), Line, Quadratic, 12);
        var random = SequentialStudy.Run(new RandomSampler(11), Line, Quadratic, 12);
        Assert.Equal(random.Take(10).Select(t => t.Params["x"]), tpe.Take(10).Select(t => t.Params["x"]));
        Assert.NotEqual(random[10].Params["x"], tpe[10].Params["x"]);
    }

    [Fact]
    public void The_startup_counts_finished_trials_only()
    {
        var options = new TpeOptions(StartupTrials: 3);
        var running = Enumerable.Range(0, 5).Select(i => new TrialRecord(i, new Dictionary<string, double> { ["x"] = i }, TrialState.Running, null)).ToList();
        Assert.Equal(new RandomSampler(4).Propose(Line, running)["x"], new TpeSampler(4, false, options).Propose(Line, running)["x"]);
    }

    [Fact]
    public void On_a_quadratic_its_later_trials_are_nearer_the_optimum_than_random_searchs()
    {
        // Trials 30 to 50 of 50, over seeds 0 to 9: Optuna 3.1's TPESampler lies 1.3 from the optimum at the median
        // here, random search about 5 (a uniform draw on [-10, 10] lies 5 from 2.5 at the median).
        double MedianDistance(Func<int, ISampler> sampler, Func<IReadOnlyDictionary<string, double>, double> objective) => SequentialStudy.Median(
            Enumerable.Range(0, 10).SelectMany(seed => SequentialStudy.Run(sampler(seed), Line, objective, 50).Skip(30).Select(t => Math.Abs(t.Params["x"] - 2.5))));
        var random = MedianDistance(seed => new RandomSampler(seed), Quadratic);
        var minimizing = MedianDistance(seed => new TpeSampler(seed, maximize: false), Quadratic);
        var maximizing = MedianDistance(seed => new TpeSampler(seed, maximize: true), p => -Quadratic(p));
        Assert.True(minimizing < random / 2, $"median distance to the optimum: TPE {minimizing:F3}, random {random:F3}");
        Assert.True(maximizing < random / 2, $"median distance to the optimum: TPE maximizing {maximizing:F3}, random {random:F3}");
    }

    [Fact]
    public void Multivariate_its_later_trials_find_the_good_value_and_the_good_choice_together()
    {
        var space = new SearchSpace([new SearchParameter("x", new FloatDistribution(-10, 10)), new SearchParameter("c", new CategoricalDistribution(["a", "b", "c"]))]);
        static double Objective(IReadOnlyDictionary<string, double> p) => (p["x"] - 2.5) * (p["x"] - 2.5) + (p["c"] == 1 ? 0 : 10);
        List<TrialRecord> Learned(Func<int, ISampler> sampler) =>
            [.. Enumerable.Range(0, 10).SelectMany(seed => SequentialStudy.Run(sampler(seed), space, Objective, 40).Skip(25))];
        var joint = Learned(seed => new TpeSampler(seed, maximize: false, new TpeOptions(Multivariate: true)));
        var random = Learned(seed => new RandomSampler(seed));
        double MedianDistance(List<TrialRecord> trials) => SequentialStudy.Median(trials.Select(t => Math.Abs(t.Params["x"] - 2.5)));
        Assert.True(MedianDistance(joint) < MedianDistance(random) / 2, $"median distance to the optimum: multivariate TPE {MedianDistance(joint):F3}, random {MedianDistance(random):F3}");
        Assert.True(joint.Count(t => t.Params["c"] == 1) > joint.Count / 2, $"{joint.Count(t => t.Params["c"] == 1)} of {joint.Count} learned trials chose b");
        // Not the univariate sampler under another name: the same seed and history give other proposals.
        Assert.NotEqual(joint.Select(t => t.Params["x"]), Learned(seed => new TpeSampler(seed, maximize: false)).Select(t => t.Params["x"]));
    }

    [Fact]
    public void Every_proposal_lies_in_its_distribution()
    {
        static double Objective(IReadOnlyDictionary<string, double> p) =>
            Math.Abs(Math.Log10(p["training.lr"]) + 4) + Math.Abs(p["data.batch_size"] - 40) / 8 + (p["model"] == 1 ? 0 : 1) + p["model.layers"] / 32;
        var trials = SequentialStudy.Run(new TpeSampler(9, maximize: false), RandomSamplerTests.Mixed, Objective, 60);
        foreach (var trial in trials)
            foreach (var parameter in RandomSamplerTests.Mixed.Parameters)
                Assert.True(parameter.Distribution.Contains(trial.Params[parameter.Key]), $"trial {trial.Number}: {parameter.Key}={trial.Params[parameter.Key]}");
        // The learned part favours the good choice, the good batch size and the good decade of the log-scaled rate.
        var learned = trials.Skip(30).ToList();
        Assert.True(learned.Count(t => t.Params["model"] == 1) > learned.Count / 2);
        Assert.True(learned.Count(t => t.Params["data.batch_size"] is >= 32 and <= 48) > learned.Count / 2);
        Assert.True(learned.Count(t => t.Params["training.lr"] is >= 1e-5 and <= 1e-3) > learned.Count / 2);
    }

    [Fact]
    public void The_same_seed_and_history_give_the_same_proposals_and_another_seed_others()
    {
        IEnumerable<double> Xs(int seed) => SequentialStudy.Run(new TpeSampler(seed, false), Line, Quadratic, 25).Select(t => t.Params["x"]);
        Assert.Equal(Xs(3), Xs(3));
        Assert.NotEqual(Xs(3).Skip(10), Xs(4).Skip(10));
    }

    [Fact]
    public void With_the_constant_liar_proposals_made_side_by_side_spread_out()
    {
        // Eight jobs proposed at once after 20 finished trials, each proposal seeing the ones before it as running.
        double Spread(bool liar, int seed)
        {
            var sampler = new TpeSampler(seed, false, new TpeOptions(ConstantLiar: liar));
            var history = SequentialStudy.Run(sampler, Line, Quadratic, 20);
            var proposed = new List<double>();
            for (var job = 0; job < 8; job++)
            {
                var x = sampler.Propose(Line, history)["x"];
                proposed.Add(x);
                history.Add(new TrialRecord(history.Count, new Dictionary<string, double> { ["x"] = x }, TrialState.Running, null));
            }
            return SequentialStudy.Median(proposed.SelectMany(a => proposed.Select(b => Math.Abs(a - b))).Where(d => d > 0));
        }
        var seeds = Enumerable.Range(0, 10).ToList();
        var withLiar = SequentialStudy.Median(seeds.Select(s => Spread(true, s)));
        var without = SequentialStudy.Median(seeds.Select(s => Spread(false, s)));
        Assert.True(withLiar > 1.5 * without, $"median distance between parallel proposals: {withLiar:F3} with the liar, {without:F3} without");
    }

    [Fact]
    public void A_failed_trial_teaches_nothing()
    {
        var history = SequentialStudy.Run(new TpeSampler(5, false), Line, Quadratic, 15);
        var withFailures = history.Concat(Enumerable.Range(15, 3).Select(i => new TrialRecord(i, new Dictionary<string, double> { ["x"] = -9 }, TrialState.Failed, null))).ToList();
        var cleaned = history.Concat(Enumerable.Range(15, 3).Select(i => new TrialRecord(i, new Dictionary<string, double>(), TrialState.Failed, null))).ToList();
        Assert.Equal(new TpeSampler(5, false).Propose(Line, cleaned)["x"], new TpeSampler(5, false).Propose(Line, withFailures)["x"]);
    }

    [Fact]
    public void Bad_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TpeSampler(0, false, new TpeOptions(EiCandidates: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TpeSampler(0, false, new TpeOptions(StartupTrials: -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TpeSampler(0, false, new TpeOptions(PriorWeight: 0)));
    }
}
