using Mlops.Core;

namespace Mlops.Data.Synthetic;

/// <summary>
/// Settings of the built-in synthetic acceptability dataset (generated English sentences, not CoLA):
/// the seed that fixes every sentence, the split sizes, and the share of acceptable sentences
/// (CoLA has about 70%, so the default keeps a similar imbalance).
/// </summary>
public sealed record SyntheticAcceptabilityOptions
{
    public int Seed { get; init; } = 13;

    public int TrainSize { get; init; } = 3000;

    public int ValidationSize { get; init; } = 600;

    /// <summary>Fraction of each split labelled acceptable, between 0 and 1; each split gets round(size × share).</summary>
    public double AcceptableShare { get; init; } = 0.65;

    /// <summary>Throws an <see cref="MlopsException"/> (a user error) naming the first invalid setting.</summary>
    public void Validate()
    {
        if (TrainSize < 1)
            throw new MlopsException($"Synthetic train size must be at least 1 (got {TrainSize}).", "Set a positive train size, e.g. 3000.");
        if (ValidationSize < 1)
            throw new MlopsException($"Synthetic validation size must be at least 1 (got {ValidationSize}).", "Set a positive validation size, e.g. 600.");
        if (!(AcceptableShare is >= 0 and <= 1))
            throw new MlopsException($"Synthetic acceptable share must be between 0 and 1 (got {AcceptableShare}).", "CoLA has about 0.7; the default is 0.65.");
    }
}
