using Mlops.Config;

namespace Mlops.Runs.Search;

/// <summary>A parameter that takes one of <paramref name="Choices"/>, each the override text of its value (<c>16</c>, <c>tiny</c>, <c>3e-5</c>); samplers see the index.</summary>
public sealed record CategoricalDistribution(IReadOnlyList<string> Choices) : Distribution
{
    public override bool IsSingle => Choices.Count == 1;

    public override bool Contains(double value) => value >= 0 && value < Choices.Count && value == Math.Floor(value);

    public override void Validate(string name)
    {
        if (Choices.Count == 0)
            throw new ConfigException($"{name}: choice() has no choices", "List at least one value, e.g. choice(16, 32).");
    }

    public override string Format(double value) => Choices[(int)value];

    public override string ToString() => $"choice({string.Join(", ", Choices)})";
}
