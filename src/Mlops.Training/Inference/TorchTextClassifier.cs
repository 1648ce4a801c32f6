using Mlops.Core;
using Mlops.Data;
using Mlops.Data.Batching;
using Mlops.Data.Tokenization;
using Mlops.Model;
using Mlops.Model.Bert;
using static TorchSharp.torch;

namespace Mlops.Training.Inference;

/// <summary>
/// <see cref="ITextClassifier"/> on TorchSharp: tokenizes, batches by length, and returns the softmax over
/// the label dimension for each text, in input order.
/// </summary>
public sealed class TorchTextClassifier : ITextClassifier
{
    private readonly BertForSequenceClassification _model;
    private readonly WordPieceTokenizer _tokenizer;
    private readonly ModelCard _card;
    private readonly int _batchSize;

    private TorchTextClassifier(BertForSequenceClassification model, WordPieceTokenizer tokenizer, ModelCard card, int batchSize)
    {
        (_model, _tokenizer, _card, _batchSize) = (model, tokenizer, card, batchSize);
        _model.eval();
    }

    public IReadOnlyList<string> LabelNames => _card.Labels;

    public static async Task<TorchTextClassifier> LoadAsync(ModelDirectory directory, int batchSize = 64, CancellationToken cancellationToken = default)
    {
        var (model, card) = await ClassifierStore.LoadAsync(directory, cancellationToken);
        var tokenizer = WordPieceTokenizer.FromVocabFile(directory.VocabPath, card.LowerCase);
        return new TorchTextClassifier(model, tokenizer, card, batchSize);
    }

    public IReadOnlyList<Prediction> Predict(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var batcher = Batcher.Tokenize(texts.Select(t => new LabeledSentence(t, 0)).ToList(), _tokenizer, _card.MaxLength, BatchingOptions.Inference(_batchSize));
        var results = new Prediction[texts.Count];
        var task = new ClassifierTask(_model);
        using var inference = inference_mode();
        foreach (var (indices, batch) in batcher.IndexedEpoch(0))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var probabilities = BertForSequenceClassification.Probabilities(task.PredictStep(batch)).data<float>().ToArray();
            var labels = _card.Labels.Count;
            for (var row = 0; row < indices.Length; row++)
            {
                var scores = probabilities.AsSpan(row * labels, labels).ToArray();
                var best = Array.IndexOf(scores, scores.Max());
                results[indices[row]] = new Prediction(texts[indices[row]], _card.Labels[best], best, scores);
            }
        }
        return results;
    }

    public void Dispose() => _model.Dispose();
}
