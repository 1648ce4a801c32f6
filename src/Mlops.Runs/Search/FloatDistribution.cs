using Mlops.Config;
using Mlops.Config.Tree;

namespace Mlops.Runs.Search;

/// <summary>A real-valued parameter in [<paramref name="Low"/>, <paramref name="High"/>], searched on a log scale when <paramref name="Log"/>.</summary>
public sealed record FloatDistribution(double Low, double High, bool Log = false) : Distribution
{
    public override bool IsSingle => Low == High;

    public override bool Contains(double value) => value >= Low && value <= High;

    public override void Validate(string name)
    {
        if (!double.IsFinite(Low) || !double.IsFinite(High))
            throw new ConfigException($"{name}: {this} needs finite bounds", "Give two numbers, e.g. interval(1e-5, 1e-3).");
        if (Low > High)
            throw new ConfigException($"{name}: {this} has low > high", $"Write the lower bound first: {this with { Low = High, High = Low }}.");
        if (Log && Low <= 0)
            throw new ConfigException($"{name}: {this} is log-scaled but its low is not above 0", "A log scale needs 0 < low, e.g. tag(log, interval(1e-5, 1e-3)).");
    }

    public override string Format(double value) => ScalarLiteral.Format(value);

    /// <summary>The interval as a sweep override writes it: <c>interval(0.01, 0.1)</c> or <c>tag(log, interval(...))</c>.</summary>
    public override string ToString()
    {
        var interval = $"interval({ScalarLiteral.Format(Low)}, {ScalarLiteral.Format(High)})";
        return Log ? $"tag(log, {interval})" : interval;
    }
}
