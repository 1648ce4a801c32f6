namespace Mlops.Runs.Search;

/// <summary>
/// What samplers and pruners know of one trial: its number (the order trials started in), the values it was given
/// (see <see cref="Distribution"/>), its state, its objective when complete, and the values it reported per step
/// (epoch) on the way, which pruners judge and by which a pruned trial is ranked.
/// </summary>
public sealed record TrialRecord(
    int Number,
    IReadOnlyDictionary<string, double> Params,
    TrialState State,
    double? Value,
    IReadOnlyList<(int Step, double Value)> Intermediate)
{
    /// <summary>A trial that reported no intermediate values.</summary>
    public TrialRecord(int number, IReadOnlyDictionary<string, double> @params, TrialState state, double? value)
        : this(number, @params, state, value, []) { }

    /// <summary>The last step it reported, or null when it reported none.</summary>
    public int? LastStep => Intermediate.Count == 0 ? null : Intermediate.Max(i => i.Step);

    /// <summary>The value reported at <paramref name="step"/> (the latest report when a step was reported twice), or null.</summary>
    public double? ValueAt(int step)
    {
        for (var i = Intermediate.Count - 1; i >= 0; i--)
            if (Intermediate[i].Step == step) return Intermediate[i].Value;
        return null;
    }
}
