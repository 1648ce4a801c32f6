using System.Collections.Concurrent;
using Mlops.Core;
using Mlops.Data.Batching;
using Mlops.Data.Tokenization;

namespace Mlops.Inference;

/// <summary>
/// The one inference pipeline: tokenize, group texts of similar length, pad each batch to its longest text, run the
/// engine, softmax over the labels, and return a <see cref="Prediction"/> per text in input order (with its sentence
/// embedding when the engine gives one). Batches are padded into pooled buffers, so a warm classifier allocates only its
/// results; many callers may predict at once.
/// </summary>
public sealed class TextClassifier : ITextClassifier
{
    private readonly IClassifierEngine _engine;
    private readonly WordPieceTokenizer _tokenizer;
    private readonly int _batchSize;
    private readonly ConcurrentBag<BatchBuffers> _buffers = [];

    public TextClassifier(IClassifierEngine engine, WordPieceTokenizer tokenizer, ClassifierSpec spec, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (spec.Labels.Count != engine.LabelCount)
            throw new MlopsException($"The model computes {engine.LabelCount} logits but names {spec.Labels.Count} labels ({string.Join(", ", spec.Labels)}).",
                "The model's files come from different models; export it again with `mlops export`.", ExitCodes.ModelError);
        (_engine, _tokenizer, Spec, _batchSize) = (engine, tokenizer, spec, batchSize);
    }

    public ClassifierSpec Spec { get; }

    public IReadOnlyList<string> LabelNames => Spec.Labels;

    /// <summary>The width of each prediction's <see cref="Prediction.Embedding"/>; 0 when the engine gives none.</summary>
    public int EmbeddingSize => _engine.EmbeddingSize;

    /// <summary>Runs one prediction through the whole pipeline (session, buffers, JIT), so the first real one is not the slow one.</summary>
    public void WarmUp(CancellationToken cancellationToken = default) => Predict(["The model is warming up."], cancellationToken);

    public IReadOnlyList<Prediction> Predict(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var examples = new TokenizedExample[texts.Count];
        if (texts.Count > 1) Parallel.For(0, texts.Count, i => examples[i] = new(_tokenizer.Encode(texts[i], Spec.MaxLength), 0));
        else if (texts.Count == 1) examples[0] = new(_tokenizer.Encode(texts[0], Spec.MaxLength), 0);
        var results = new Prediction[texts.Count];
        var batches = new Batcher(examples, BatchingOptions.Inference(_batchSize), _tokenizer.PadId).BatchIndices(0);
        var buffers = _buffers.TryTake(out var pooled) ? pooled
            : new BatchBuffers(_batchSize * Spec.MaxLength, _batchSize * Spec.Labels.Count, _batchSize * _engine.EmbeddingSize);
        try
        {
            foreach (var indices in batches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var input = buffers.Pad(indices, examples, _tokenizer.PadId);
                var logits = buffers.Logits.AsMemory(0, input.Rows * Spec.Labels.Count);
                var embeddings = buffers.Embeddings.AsMemory(0, input.Rows * _engine.EmbeddingSize);
                _engine.Run(input, logits, embeddings);
                for (var row = 0; row < indices.Length; row++)
                    results[indices[row]] = ToPrediction(texts[indices[row]], examples[indices[row]].Ids, logits.Span.Slice(row * Spec.Labels.Count, Spec.Labels.Count),
                        embeddings.Span.Slice(row * _engine.EmbeddingSize, _engine.EmbeddingSize));
            }
        }
        finally
        {
            _buffers.Add(buffers);
        }
        return results;
    }

    private Prediction ToPrediction(string text, int[] ids, ReadOnlySpan<float> logits, ReadOnlySpan<float> embedding)
    {
        var probabilities = Logits.Softmax(logits);
        var best = Logits.ArgMax(probabilities);
        return new Prediction(text, Spec.Labels[best], best, probabilities)
        {
            Tokens = ids.Length - 2,
            UnknownTokens = ids.AsSpan(1, ids.Length - 2).Count(_tokenizer.UnknownId),
            Embedding = embedding.IsEmpty ? null : embedding.ToArray(),
        };
    }

    public void Dispose() => _engine.Dispose();

    /// <summary>Ids, mask, logits and sentence embeddings for the largest batch this classifier makes, reused from call to call.</summary>
    private sealed class BatchBuffers(int tokens, int logits, int embeddings)
    {
        private readonly long[] _ids = new long[tokens];
        private readonly long[] _mask = new long[tokens];

        public float[] Logits { get; } = new float[logits];

        public float[] Embeddings { get; } = new float[embeddings];

        public EngineInput Pad(int[] indices, TokenizedExample[] examples, int padId)
        {
            var columns = 0;
            foreach (var i in indices) columns = Math.Max(columns, examples[i].Ids.Length);
            var size = indices.Length * columns;
            for (var row = 0; row < indices.Length; row++)
                TokenBatch.PadRow(examples[indices[row]].Ids, padId, _ids.AsSpan(row * columns, columns), _mask.AsSpan(row * columns, columns));
            return new EngineInput(_ids.AsMemory(0, size), _mask.AsMemory(0, size), indices.Length, columns);
        }
    }
}
