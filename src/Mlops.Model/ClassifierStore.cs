using Mlops.Core;
using Mlops.Model.Bert;
using TorchSharp.PyBridge;

namespace Mlops.Model;

/// <summary>
/// Saves a classifier as a <see cref="ModelDirectory"/> and loads it back. The folder is replaced as one unit
/// (<see cref="AtomicDirectory"/>), so an interrupted save leaves the previous model whole.
/// </summary>
public static class ClassifierStore
{
    public static async Task SaveAsync(ModelDirectory directory, BertForSequenceClassification model, string vocabText, ModelCard card,
        CancellationToken cancellationToken = default)
    {
        await AtomicDirectory.WriteAsync(directory.Path, async staging =>
        {
            var files = new ModelDirectory(staging);
            await using (var stream = File.Create(files.WeightsPath)) model.save_safetensors(stream, null, leaveOpen: true);
            await model.Config.ForClassifier(card.Labels, model.PoolingMode).WriteAsync(files.ConfigPath, cancellationToken);
            await File.WriteAllTextAsync(files.VocabPath, vocabText, cancellationToken);
            var id = await ContentHash.OfFileAsync(files.WeightsPath, cancellationToken);
            await (card with { ModelId = id }).WriteAsync(files.CardPath, cancellationToken);
        }, cancellationToken);
    }

    public static Task<(BertForSequenceClassification Model, ModelCard Card)> LoadAsync(ModelDirectory directory,
        CancellationToken cancellationToken = default) => LoadAsync(directory, null, cancellationToken);

    /// <summary>Loads the folder's classifier; <paramref name="precision"/>, when given, replaces the matmul precision its card names.</summary>
    public static async Task<(BertForSequenceClassification Model, ModelCard Card)> LoadAsync(ModelDirectory directory, MatmulPrecision? precision,
        CancellationToken cancellationToken = default)
    {
        directory.EnsureComplete();
        var config = (await BertConfig.ReadAsync(directory.ConfigPath, cancellationToken)).EncoderShape();
        var card = await ModelCard.ReadAsync(directory.CardPath, cancellationToken);
        if (!Enum.TryParse<Pooling>(card.Pooling, ignoreCase: true, out var pooling))
            throw new ModelException($"'{directory.CardPath}' names pooling '{card.Pooling}'.", "Valid values: mean, cls.");
        if (!Enum.TryParse<MatmulPrecision>(card.MatmulPrecision, ignoreCase: true, out var trained))
            throw new ModelException($"'{directory.CardPath}' names matmul precision '{card.MatmulPrecision}'.", "Valid values: float32, bfloat16.");
        var model = new BertForSequenceClassification(config with { MatmulPrecision = precision ?? trained }, card.Labels.Count, pooling);
        try
        {
            model.load_safetensors(directory.WeightsPath, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException
            or System.Runtime.InteropServices.ExternalException)
        {
            model.Dispose();
            throw new ModelException($"Weights '{directory.WeightsPath}' do not match the model in '{directory.ConfigPath}' ({config.Describe()}, {card.Labels.Count} labels): {e.Message}",
                "The folder's files come from different models; re-run `mlops train` to write a consistent one.", e);
        }
        model.eval();
        return (model, card);
    }
}
