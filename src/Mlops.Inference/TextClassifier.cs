using System.Collections.Concurrent;
using Mlops.Core;
using Mlops.Data.Batching;
using Mlops.Data.Tokenization;

namespace Mlops.Inference;

/// <summary>
/// The one inference pipeline: tokenize (single texts, or sentence pairs for a model of pairs), group texts of similar
/// length, pad each batch to its longest text, run the engine, softmax over the labels, and return a
/// <see cref="Prediction"/> per input in input order (with its sentence embedding when the engine gives one). Batches are padded into pooled buffers, so a warm classifier allocates only its
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

    /// <summary>Whether the model classifies sentence pairs (from its card or its graph's inputs).</summary>
    public bool TakesPairs => Spec.TakesPairs;

    /// <summary>Runs one prediction through the whole pipeline (session, buffers, JIT), so the first real one is not the slow one.</summary>
    public void WarmUp(CancellationToken cancellationToken = default) =>
        Predict([new TextInput("The model is warming up.", TakesPairs ? "It is nearly ready." : null)], cancellationToken);

    public IReadOnlyList<Prediction> Predict(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        if (TakesPairs && texts.Count > 0) throw Mismatch(0, hasPair: false);
        return Run(texts.Count, i => texts[i], static _ => null, cancellationToken);
    }

    public IReadOnlyList<Prediction> Predict(IReadOnlyList<TextInput> inputs, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < inputs.Count; i++)
            if ((inputs[i].Pair is not null) != TakesPairs) throw Mismatch(i, inputs[i].Pair is not null);
        return Run(inputs.Count, i => inputs[i].Text, i => inputs[i].Pair, cancellationToken);
    }

    /// <summary>A single text given to a model of pairs, or a pair to a model of single texts: refused, never answered wrong.</summary>
    private static MlopsException Mismatch(int index, bool hasPair) => hasPair
        ? new($"The model classifies single texts, but input {index + 1} has a second text (a sentence pair).",
            "Send one text per input, or use a model trained on sentence pairs.", ExitCodes.UserError)
        : new($"The model classifies sentence pairs, but input {index + 1} has no second text.",
            "Send each input with its second text (text_pair), as the model was trained.", ExitCodes.UserError);

    private Prediction[] Run(int count, Func<int, string> text, Func<int, string?> pair, CancellationToken cancellationToken)
    {
        var examples = new TokenizedExample[count];
        if (count > 1) Parallel.For(0, count, i => examples[i] = TokenizedExample.Encode(_tokenizer, text(i), pair(i), Spec.MaxLength));
        else if (count == 1) examples[0] = TokenizedExample.Encode(_tokenizer, text(0), pair(0), Spec.MaxLength);
        var results = new Prediction[count];
        var batches = new Batcher(examples, BatchingOptions.Inference(_batchSize), _tokenizer.PadId).BatchIndices(0);
        var buffers = _buffers.TryTake(out var pooled) ? pooled
            : new BatchBuffers(_batchSize * Spec.MaxLength, TakesPairs, _batchSize * Spec.Labels.Count, _batchSize * _engine.EmbeddingSize);
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
                {
                    var i = indices[row];
                    results[i] = ToPrediction(new TextInput(text(i), pair(i)), examples[i], logits.Span.Slice(row * Spec.Labels.Count, Spec.Labels.Count),
                        embeddings.Span.Slice(row * _engine.EmbeddingSize, _engine.EmbeddingSize));
                }
            }
        }
        finally
        {
            _buffers.Add(buffers);
        }
        return results;
    }

    private Prediction ToPrediction(TextInput input, TokenizedExample example, ReadOnlySpan<float> logits, ReadOnlySpan<float> embedding)
    {
        var probabilities = Logits.Softmax(logits);
        var best = Logits.ArgMax(probabilities);
        var ids = example.Ids;
        return new Prediction(input.Text, Spec.Labels[best], best, probabilities)
        {
            Pair = input.Pair,
            Tokens = ids.Length - (example.TypeIds is null ? 2 : 3),
            UnknownTokens = ids.AsSpan(1, ids.Length - 2).Count(_tokenizer.UnknownId),
            Embedding = embedding.IsEmpty ? null : embedding.ToArray(),
        };
    }

    public void Dispose() => _engine.Dispose();

    /// <summary>
    /// Ids, mask (and token types, for a model of pairs only), logits and sentence embeddings for the largest batch this
    /// classifier makes, reused from call to call.
    /// </summary>
    private sealed class BatchBuffers(int tokens, bool pairs, int logits, int embeddings)
    {
        private readonly long[] _ids = new long[tokens];
        private readonly long[] _mask = new long[tokens];
        private readonly long[]? _types = pairs ? new long[tokens] : null;

        public float[] Logits { get; } = new float[logits];

        public float[] Embeddings { get; } = new float[embeddings];

        public EngineInput Pad(int[] indices, TokenizedExample[] examples, int padId)
        {
            var columns = 0;
            foreach (var i in indices) columns = Math.Max(columns, examples[i].Ids.Length);
            var size = indices.Length * columns;
            for (var row = 0; row < indices.Length; row++)
            {
                TokenBatch.PadRow(examples[indices[row]].Ids, padId, _ids.AsSpan(row * columns, columns), _mask.AsSpan(row * columns, columns));
                if (_types is not null) TokenBatch.PadTypes(examples[indices[row]].TypeIds, _types.AsSpan(row * columns, columns));
            }
            return new EngineInput(_ids.AsMemory(0, size), _mask.AsMemory(0, size), indices.Length, columns, _types is null ? default : _types.AsMemory(0, size));
        }
    }
}
