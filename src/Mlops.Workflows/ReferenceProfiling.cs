using Mlops.Training;
using Mlops.Core;
using Mlops.Data;
using Mlops.Monitoring.Drift;
using Mlops.Export;

namespace Mlops.Workflows;

/// <summary>
/// Writes the trained model's <see cref="ReferenceProfile"/> into its folder: its predictions on the held-out data that
/// selected it (a slice of train with <c>data.selection_split</c>, else the validation split), which drift detection
/// later compares live traffic with, and, from its true labels, the model's accuracy and MCC there and the calibration
/// that estimates them on unlabelled traffic, and the centroid and spread of its pooled sentence embeddings. Travels with
/// the model through export, versioning and the image.
/// </summary>
public static class ReferenceProfiling
{
    public static async Task<ReferenceProfile> WriteAsync(ModelDirectory directory, IReadOnlyList<LabeledSentence> heldOut, string source,
        int batchSize, CancellationToken cancellationToken)
    {
        IReadOnlyList<Prediction> predictions;
        using (var classifier = await TorchClassifierEngine.LoadAsync(directory, batchSize, cancellationToken: cancellationToken))
            predictions = classifier.Predict([.. heldOut.Select(s => s.Input)], cancellationToken);
        var card = await ModelCard.ReadAsync(directory.CardPath, cancellationToken);
        var profile = ReferenceProfile.From(card.Labels,
            [.. predictions.Select(PredictionObservation.From)],
            $"{source} ({heldOut.Count} sentences)", [.. heldOut.Select(s => s.Label)]);
        await directory.ReplaceFilesAsync([ModelDirectory.ProfileFile], staging => profile.WriteAsync(staging.ProfilePath, cancellationToken), cancellationToken);
        return profile;
    }
}
