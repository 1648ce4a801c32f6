using System.Globalization;
using Mlops.Config;

namespace Mlops.Runs.Search;

/// <summary>
/// An integer parameter: <paramref name="Low"/>, <paramref name="Low"/> + <paramref name="Step"/>, ... up to
/// <paramref name="High"/>; searched on a log scale when <paramref name="Log"/> (which needs a step of 1, as in Optuna).
/// </summary>
public sealed record IntDistribution(long Low, long High, long Step = 1, bool Log = false) : Distribution
{
    public override bool IsSingle => Low == High;

    public override bool Contains(double value) => value >= Low && value <= High && Math.IEEERemainder(value - Low, Step) == 0;

    public override void Validate(string name)
    {
        if (Low > High)
            throw new ConfigException($"{name}: {this} has low > high", $"Write the lower bound first: {this with { Low = High, High = Low }}.");
        if (Step <= 0)
            throw new ConfigException($"{name}: {this} has step {Step}, not above 0", "Give a step of 1 or more.");
        if ((High - Low) % Step != 0)
            throw new ConfigException($"{name}: {this}: high - low is not a multiple of the step {Step}", $"Make the high bound low + k * {Step}, e.g. {Low + (High - Low) / Step * Step}.");
        if (Log && Low <= 0)
            throw new ConfigException($"{name}: {this} is log-scaled but its low is not above 0", "A log scale needs 0 < low, e.g. tag(log, range(1, 65)).");
        if (Log && Step != 1)
            throw new ConfigException($"{name}: {this} has step {Step}, but a log scale takes every integer", "Drop the step or the log scale.");
    }

    public override string Format(double value) => ((long)Math.Round(value)).ToString(CultureInfo.InvariantCulture);

    /// <summary>The range as a sweep override writes it (its stop one step past the last value): <c>range(8, 65)</c>, <c>range(8, 65, 8)</c> or <c>tag(log, range(...))</c>.</summary>
    public override string ToString()
    {
        var range = Step == 1 ? $"range({Low}, {High + 1})" : $"range({Low}, {High + Step}, {Step})";
        return Log ? $"tag(log, {range})" : range;
    }
}
