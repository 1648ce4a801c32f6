using Mlops.Core;
using Mlops.Data.Batching;
using Mlops.Data.Tokenization;
using Mlops.Inference;

namespace Mlops.Export;

/// <summary>
/// Runs the same padded batches through two engines (TorchSharp, the reference, and ONNX Runtime) and compares
/// their logits and labels, and their sentence embeddings where both give them: batches of 32 and 7 with mixed lengths, and single sentences - the shortest, the longest,
/// and one padded out to the maximum length, which only agrees if both engines mask padding the same way.
/// </summary>
public static class ParityGate
{
    public const double Float32Tolerance = 1e-4;

    /// <summary>What an int8 export must keep: 99 % of the float32 model's labels; its logits are not held to a tolerance.</summary>
    public const double Int8Agreement = 0.99;

    /// <summary>Single sentences checked alone, besides the batches.</summary>
    private const int SingleSentences = 16;

    /// <summary>
    /// Compares the engines on <paramref name="sentences"/>: single texts for a single-text model, sentence pairs for a model
    /// of pairs (then every batch has token type ids).
    /// </summary>
    public static ParityReport Check(IClassifierEngine reference, IClassifierEngine candidate, WordPieceTokenizer tokenizer, int maxLength,
        IReadOnlyList<TextInput> sentences, double tolerance = Float32Tolerance, double minimumAgreement = 1.0, CancellationToken cancellationToken = default)
    {
        if (sentences.Count == 0) throw new ArgumentException("The parity gate needs at least one sentence.", nameof(sentences));
        var examples = sentences.Select(s => TokenizedExample.Encode(tokenizer, s.Text, s.Pair, maxLength)).ToList();
        var byLength = examples.OrderBy(e => e.Ids.Length).ToList();
        var cases = new List<ParityCase>
        {
            Compare("batch 32", 32, examples.Chunk(32).Select(b => TokenBatch.Pad(b, tokenizer.PadId))),
            Compare("batch 7", 7, examples.Take(7 * 10).Chunk(7).Select(b => TokenBatch.Pad(b, tokenizer.PadId))),
            Compare("batch 1", 1, examples.Take(SingleSentences).Select(e => TokenBatch.Pad([e], tokenizer.PadId))),
            Compare("shortest", 1, [TokenBatch.Pad([byLength[0]], tokenizer.PadId)]),
            Compare("longest", 1, [TokenBatch.Pad([byLength[^1]], tokenizer.PadId)]),
            Compare($"shortest padded to {maxLength}", 1, [PadTo(byLength[0], maxLength, tokenizer.PadId)]),
        };
        return new ParityReport(cases, tolerance, minimumAgreement);

        ParityCase Compare(string name, int batchSize, IEnumerable<TokenBatch> batches)
        {
            double maxDifference = 0, maxEmbeddingDifference = 0;
            int count = 0, agreeing = 0;
            foreach (var batch in batches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var labels = reference.LabelCount;
                var expected = new float[batch.Rows * labels];
                var actual = new float[batch.Rows * labels];
                var width = candidate.EmbeddingSize == reference.EmbeddingSize ? reference.EmbeddingSize : 0;
                var expectedEmbeddings = new float[batch.Rows * width];
                var actualEmbeddings = new float[batch.Rows * width];
                reference.Run(EngineInput.From(batch), expected, expectedEmbeddings);
                candidate.Run(EngineInput.From(batch), actual, actualEmbeddings);
                for (var i = 0; i < expectedEmbeddings.Length; i++)
                    maxEmbeddingDifference = Math.Max(maxEmbeddingDifference, Math.Abs(expectedEmbeddings[i] - actualEmbeddings[i]));
                for (var row = 0; row < batch.Rows; row++)
                {
                    var e = expected.AsSpan(row * labels, labels);
                    var a = actual.AsSpan(row * labels, labels);
                    for (var i = 0; i < labels; i++) maxDifference = Math.Max(maxDifference, Math.Abs(e[i] - a[i]));
                    count++;
                    if (Logits.ArgMax(e) == Logits.ArgMax(a)) agreeing++;
                }
            }
            return new ParityCase(name, batchSize, count, maxDifference, agreeing, maxEmbeddingDifference);
        }
    }

    private static TokenBatch PadTo(TokenizedExample example, int columns, int padId)
    {
        var ids = new long[columns];
        var mask = new long[columns];
        TokenBatch.PadRow(example.Ids, padId, ids, mask);
        var types = example.TypeIds is null ? null : new long[columns];
        if (types is not null) TokenBatch.PadTypes(example.TypeIds, types);
        return new TokenBatch(ids, mask, [example.Label], 1, columns, types);
    }
}
