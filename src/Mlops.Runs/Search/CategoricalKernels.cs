namespace Mlops.Runs.Search;

/// <summary>
/// TPE's kernels of a choice, as Optuna 3.1's <c>_calculate_categorical_params</c> builds them: one per observation that
/// puts weight 1 on its choice plus prior_weight / (n + 1) on every choice (normalized), and a prior kernel uniform
/// over the choices.
/// </summary>
internal sealed class CategoricalKernels : ParameterKernels
{
    private readonly double[][] _components;

    public CategoricalKernels(CategoricalDistribution distribution, IReadOnlyList<double> observations, double priorWeight)
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
    }

    public override double Sample(int component, Random random)
    {
        var row = _components[component];
        var u = random.NextDouble();
        var cumulative = 0.0;
        var index = 0;
        foreach (var p in row)
            if ((cumulative += p) < u) index++;
        return Math.Min(index, row.Length - 1);
    }

    public override double LogPdf(int component, double value) => Math.Log(_components[component][(int)value]);
}
