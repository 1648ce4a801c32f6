using Mlops.Core;
using Mlops.Monitoring.Drift;
using Mlops.Tracking;

namespace Mlops.Cli;

/// <summary>
/// The model <c>mlops monitor</c> compares logged traffic with: the one its events name (<c>ml.model.id</c>), found as
/// <c>serving.model_dir</c> when that folder's card has the id, else as a registered version with it. <c>--model</c>
/// picks one model out of logs that mix several, and must be a model the events name. Logs whose events name no model
/// (written before events carried the id) are compared with <c>--model</c> or <c>serving.model_dir</c>, as given.
/// </summary>
public static class TrafficModel
{
    /// <summary>
    /// The events to replay (the chosen model's) and the folder of that model; the folder is null when
    /// <paramref name="needsFolder"/> is false (<c>monitoring.profile</c> names the reference) and no <c>--model</c> was given.
    /// </summary>
    public static async Task<(LoggedTraffic Traffic, ModelDirectory? Model)> ChooseAsync(LoggedTraffic traffic, string? model, string servingModelDir,
        string trackingUri, bool needsFolder, CancellationToken cancellationToken)
    {
        var models = traffic.Models;
        var unnamed = models is [] or [(null, _)];
        if (model is not null)
        {
            var folder = await LocateAsync(model, trackingUri, cancellationToken);
            if (unnamed) return (traffic, folder);
            var id = await IdOfAsync(folder, cancellationToken);
            if (id is null || models.All(m => m.ModelId != id))
                throw new MlopsException($"--model {model} is model {id ?? "(its mlops.json names none)"}, but the events are of {Describe(models)}.",
                    "Pass the model that served them, or leave --model out: the events name it.", ExitCodes.ModelError);
            return (traffic.Of(id), folder);
        }
        if (models.Count > 1)
            throw new MlopsException($"The logs mix the events of {models.Count} models: {Describe(models)}.",
                "Choose one with --model (its folder or models:/NAME@ALIAS); the other models' events are then left out.", ExitCodes.UserError);
        if (!needsFolder) return (traffic, null);
        return (traffic, unnamed
            ? await LocateAsync(servingModelDir, trackingUri, cancellationToken)
            : await FindAsync(models[0].ModelId!, servingModelDir, trackingUri, cancellationToken));
    }

    /// <summary><c>serving.model_dir</c> when its card has <paramref name="modelId"/>, else the newest registered version with that id.</summary>
    private static async Task<ModelDirectory> FindAsync(string modelId, string servingModelDir, string trackingUri, CancellationToken cancellationToken)
    {
        var serving = servingModelDir.StartsWith(ModelReference.Scheme, StringComparison.Ordinal) || !Directory.Exists(servingModelDir)
            ? null
            : ModelDirectory.Locate(servingModelDir);
        var servingId = serving is null ? null : await IdOfAsync(serving, cancellationToken);
        if (servingId == modelId) return serving!;
        if (await ModelReference.FindRegisteredAsync(modelId, trackingUri, cancellationToken) is { } registered) return ModelDirectory.Locate(registered);
        throw new MlopsException(
            $"The events are of model {modelId}, which is neither serving.model_dir ({servingModelDir}: {servingId ?? "no model id"}) nor a registered version in {trackingUri}.",
            "Pass its folder with --model, or register it (mlops models register) so its id finds it.", ExitCodes.ModelError);
    }

    private static async Task<ModelDirectory> LocateAsync(string pathOrReference, string trackingUri, CancellationToken cancellationToken) =>
        ModelDirectory.Locate(await ModelReference.ResolveAsync(pathOrReference, trackingUri, cancellationToken));

    private static async Task<string?> IdOfAsync(ModelDirectory folder, CancellationToken cancellationToken) =>
        File.Exists(folder.CardPath) ? (await ModelCard.ReadAsync(folder.CardPath, cancellationToken)).ModelId : null;

    private static string Describe(IReadOnlyList<(string? ModelId, int Events)> models) =>
        string.Join(", ", models.Select(m => $"{m.ModelId ?? "no model id"} ({m.Events} events)"));
}
