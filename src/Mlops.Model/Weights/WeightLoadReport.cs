namespace Mlops.Model.Weights;

/// <summary>What a pretrained import did: how many tensors it copied, which model parameters kept their
/// fresh initialisation (the classification head, usually) and which checkpoint tensors were not used.</summary>
public sealed record WeightLoadReport(string Origin, int Loaded, IReadOnlyList<string> Initialized, IReadOnlyList<string> Unused);
