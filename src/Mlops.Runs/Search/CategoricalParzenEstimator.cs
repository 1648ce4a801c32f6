namespace Mlops.Runs.Search;

/// <summary>
/// TPE's Parzen estimator of a choice, as Optuna 3.1's <c>_calculate_categorical_params</c> builds it: one component
/// per observation that puts weight 1 on its choice plus prior_weight / (n + 1) on every choice (normalized), and a
/// prior component uniform over the choices.
/// </summary>
internal sealed class CategoricalParzenEstimator : ParzenEstimator
{
    private readonly double[][] _components;
    private readonly double[] _logProbabilities;

    public CategoricalParzenEstimator(CategoricalDistribution distribution, IReadOnlyList<double> observations, double priorWeight)
        : base(observations.Count, priorWeight)
    {
        var choices = distribution.Choices.Count;
        var floor = priorWeight / (observations.Count + 1);
        _components = new double[observations.Count + 1][];
        for (var k = 0; k <= observations.Count; k++)
        {
            var row = Enumerable.Repeat(floor, choices).ToArray();
            if (k < observations.Count) row[(int)observations[k]] += 1;
            var sum = row.Sum();
            _components[k] = [.. row.Select(p => p / sum)];
        }
        _logProbabilities = [.. Enumerable.Range(0, choices).Select(c => Math.Log(_components.Select((row, k) => Weights[k] * row[c]).Sum()))];
    }

    public override double Sample(Random random)
    {
        var row = _components[DrawComponent(random)];
        var u = random.NextDouble();
        var cumulative = 0.0;
        var index = 0;
        foreach (var p in row)
            if ((cumulative += p) < u) index++;
        return Math.Min(index, row.Length - 1);
    }

    public override double LogPdf(double value) => _logProbabilities[(int)value];
}
