namespace Mlops.Export;

/// <summary>How far ONNX Runtime's logits were from TorchSharp's on one group of inputs, and how many labels agreed.</summary>
public sealed record ParityCase(string Name, int BatchSize, int Sentences, double MaxLogitDifference, int LabelsAgreeing);

/// <summary>
/// The parity gate's figures: every case, the worst logit difference, and whether the export passes: no logit further
/// than <see cref="Tolerance"/> and at least <see cref="MinimumAgreement"/> of the labels the same.
/// </summary>
public sealed record ParityReport(IReadOnlyList<ParityCase> Cases, double Tolerance, double MinimumAgreement = 1.0)
{
    public double MaxLogitDifference => Cases.Max(c => c.MaxLogitDifference);

    public int Sentences => Cases.Sum(c => c.Sentences);

    public int LabelsAgreeing => Cases.Sum(c => c.LabelsAgreeing);

    public double Agreement => (double)LabelsAgreeing / Sentences;

    public bool Passed => MaxLogitDifference <= Tolerance && Agreement >= MinimumAgreement;
}
