using Mlops.Inference;

namespace Mlops.Inference.Tests;

/// <summary>
/// An engine whose logits depend only on a row's real tokens (their count, the sum of their ids and, for sentence pairs,
/// the sum of their type ids), so any mix-up of rows, padding or order shows in the results; it records the batch shapes it was given.
/// </summary>
public sealed class CountingEngine : IClassifierEngine
{
    private readonly object _gate = new();

    public int LabelCount => 3;

    public int EmbeddingSize => 0;

    public List<(int Rows, int Columns)> Batches { get; } = [];

    public void Run(EngineInput input, Memory<float> logits, Memory<float> embeddings = default)
    {
        lock (_gate) Batches.Add((input.Rows, input.Columns));
        var ids = input.InputIds.Span;
        var mask = input.AttentionMask.Span;
        var types = input.TokenTypeIds.Span;
        var output = logits.Span;
        for (var row = 0; row < input.Rows; row++)
        {
            float count = 0, sum = 0, typeSum = 0;
            for (var c = 0; c < input.Columns; c++)
            {
                var i = row * input.Columns + c;
                if (mask[i] == 0) continue;
                count++;
                sum += ids[i];
                if (input.HasTypes) typeSum += types[i];
            }
            output[row * 3] = count;
            output[row * 3 + 1] = sum / 10f;
            output[row * 3 + 2] = typeSum;
        }
    }

    public void Dispose()
    {
    }

    /// <summary>The logits this engine gives a text of these token ids ([CLS] and [SEP] included) and, for a pair, type ids.</summary>
    public static float[] Expected(IReadOnlyList<int> ids, IReadOnlyList<int>? typeIds = null) => [ids.Count, ids.Sum() / 10f, typeIds?.Sum() ?? 0];
}
