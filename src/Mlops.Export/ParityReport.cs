namespace Mlops.Export;

/// <summary>How far ONNX Runtime's logits (and sentence embeddings) were from TorchSharp's on one group of inputs, and how many labels agreed.</summary>
public sealed record ParityCase(string Name, int BatchSize, int Sentences, double MaxLogitDifference, int LabelsAgreeing, double MaxEmbeddingDifference = 0);

/// <summary>
/// The parity gate's figures: every case, the worst logit and embedding differences, and whether the export passes: no
/// logit or sentence-embedding value further than <see cref="Tolerance"/> and at least <see cref="MinimumAgreement"/> of
/// the labels the same.
/// </summary>
public sealed record ParityReport(IReadOnlyList<ParityCase> Cases, double Tolerance, double MinimumAgreement = 1.0)
{
    public double MaxLogitDifference => Cases.Max(c => c.MaxLogitDifference);

    public double MaxEmbeddingDifference => Cases.Max(c => c.MaxEmbeddingDifference);

    public int Sentences => Cases.Sum(c => c.Sentences);

    public int LabelsAgreeing => Cases.Sum(c => c.LabelsAgreeing);

    public double Agreement => (double)LabelsAgreeing / Sentences;

    public bool Passed => MaxLogitDifference <= Tolerance && MaxEmbeddingDifference <= Tolerance && Agreement >= MinimumAgreement;
}
