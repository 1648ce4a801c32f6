namespace Mlops.Core;

/// <summary>
/// Texts (or sentence pairs) in, labels and scores out, whichever engine runs the model, so serving and monitoring never
/// depend on the training engine.
/// </summary>
public interface ITextClassifier : IDisposable
{
    IReadOnlyList<string> LabelNames { get; }

    /// <summary>Whether the model classifies sentence pairs: every input then needs its <see cref="TextInput.Pair"/>, and single texts are refused.</summary>
    bool TakesPairs { get; }

    /// <summary>Predictions for single texts, in input order; refused by a model of sentence pairs.</summary>
    IReadOnlyList<Prediction> Predict(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);

    /// <summary>Predictions for texts or sentence pairs, in input order; an input that does not fit <see cref="TakesPairs"/> is refused.</summary>
    IReadOnlyList<Prediction> Predict(IReadOnlyList<TextInput> inputs, CancellationToken cancellationToken = default);
}
