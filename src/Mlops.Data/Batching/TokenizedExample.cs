namespace Mlops.Data.Batching;

/// <summary>A sentence after tokenization: its token ids (with [CLS]/[SEP]) and its label.</summary>
public sealed record TokenizedExample(int[] Ids, int Label);
