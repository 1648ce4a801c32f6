using Mlops.Core;
using Mlops.Data.Tokenization;
using Mlops.Inference;
using Mlops.Model;
using Mlops.Model.Bert;
using static TorchSharp.torch;

namespace Mlops.Export;

/// <summary>
/// <see cref="IClassifierEngine"/> on TorchSharp: the trained module's own forward pass. It predicts for models
/// without an export (<c>--engine torch</c>) and is the reference the export's parity gate holds ONNX Runtime to.
/// </summary>
public sealed class TorchClassifierEngine(BertForSequenceClassification model) : IClassifierEngine
{
    public int LabelCount => model.NumLabels;

    public int EmbeddingSize => model.Config.HiddenSize;

    public void Run(EngineInput input, Memory<float> logits, Memory<float> embeddings = default)
    {
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        long[] shape = [input.Rows, input.Columns];
        var types = input.HasTypes ? tensor(input.TokenTypeIds.ToArray(), shape) : null;
        var pooled = model.SentenceEmbedding(tensor(input.InputIds.ToArray(), shape), tensor(input.AttentionMask.ToArray(), shape), types);
        model.Classify(pooled).to_type(ScalarType.Float32).data<float>().CopyTo(logits.Span);
        if (!embeddings.IsEmpty) pooled.to_type(ScalarType.Float32).data<float>().CopyTo(embeddings.Span);
    }

    public void Dispose() => model.Dispose();

    /// <summary>The engine alone over a model folder's saved weights, at the matmul precision its card names.</summary>
    public static async Task<TorchClassifierEngine> LoadModelAsync(ModelDirectory directory, CancellationToken cancellationToken = default) =>
        new((await ClassifierStore.LoadAsync(directory, cancellationToken)).Model);

    /// <summary>
    /// A model folder's saved weights as a <see cref="TextClassifier"/>; <paramref name="precision"/> overrides the
    /// matmul precision the card names (the parity gate compares at float32).
    /// </summary>
    public static async Task<TextClassifier> LoadAsync(ModelDirectory directory, int batchSize, MatmulPrecision? precision = null,
        CancellationToken cancellationToken = default)
    {
        var (model, card) = await ClassifierStore.LoadAsync(directory, precision, cancellationToken);
        try
        {
            var tokenizer = WordPieceTokenizer.FromVocabFile(directory.VocabPath, card.LowerCase);
            return new TextClassifier(new TorchClassifierEngine(model), tokenizer, new ClassifierSpec(card.Labels, card.MaxLength, card.ModelId, card.TextPair),
                batchSize);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
