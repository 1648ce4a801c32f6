namespace Mlops.Inference;

/// <summary>What turns text into an engine's input and its logits into labels, whichever engine runs the model.</summary>
/// <param name="Labels">Label names in logit order.</param>
/// <param name="MaxLength">Tokens per input at most, [CLS] and [SEP] included; longer texts are truncated.</param>
/// <param name="ModelId"><c>sha256:...</c> of the trained weights, when known.</param>
/// <param name="TakesPairs">The model classifies sentence pairs (<c>[CLS] text [SEP] pair [SEP]</c> with token type ids), not single texts.</param>
public sealed record ClassifierSpec(IReadOnlyList<string> Labels, int MaxLength, string? ModelId, bool TakesPairs = false);
