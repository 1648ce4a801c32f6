namespace Mlops.Data.Synthetic;

/// <summary>The generated (synthetic, not CoLA) train and validation splits; no sentence occurs twice, within or across them.</summary>
public sealed record SyntheticDataset(IReadOnlyList<SyntheticExample> Train, IReadOnlyList<SyntheticExample> Validation);
