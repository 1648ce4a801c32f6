namespace Mlops.Core;

/// <summary>
/// The on-disk layout of a trained model: one self-contained folder, laid out like a Hugging Face
/// model folder (<c>config.json</c>, <c>vocab.txt</c>, <c>model.safetensors</c>) plus <c>mlops.json</c>
/// (labels, tokenizer settings, metrics, provenance), so it can be exported, served and versioned as a unit.
/// </summary>
public sealed record ModelDirectory(string Path)
{
    public const string ConfigFile = "config.json";
    public const string VocabFile = "vocab.txt";
    public const string WeightsFile = "model.safetensors";
    public const string CardFile = "mlops.json";
    /// <summary>The exported graph (<c>mlops export</c>): what every inference path runs, through ONNX Runtime.</summary>
    public const string OnnxFile = "model.onnx";
    /// <summary>How the model's predictions looked on held-out data at training time: what drift detection compares live traffic with.</summary>
    public const string ProfileFile = "reference_profile.json";

    public string ConfigPath => System.IO.Path.Combine(Path, ConfigFile);
    public string VocabPath => System.IO.Path.Combine(Path, VocabFile);
    public string WeightsPath => System.IO.Path.Combine(Path, WeightsFile);
    public string CardPath => System.IO.Path.Combine(Path, CardFile);
    public string OnnxPath => System.IO.Path.Combine(Path, OnnxFile);
    public string ProfilePath => System.IO.Path.Combine(Path, ProfileFile);

    /// <summary>Rewrites <c>mlops.json</c> through <paramref name="change"/>, replacing the folder as one unit like every model save.</summary>
    public async Task UpdateCardAsync(Func<ModelCard, ModelCard> change, CancellationToken cancellationToken = default)
    {
        AtomicDirectory.Recover(Path);
        var card = change(await ModelCard.ReadAsync(CardPath, cancellationToken));
        await ReplaceFilesAsync([CardFile], staging => card.WriteAsync(staging.CardPath, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Replaces the folder as one unit with a copy in which <paramref name="write"/> has written the files named in
    /// <paramref name="replaced"/>; every other file is carried over unchanged.
    /// </summary>
    public async Task ReplaceFilesAsync(IReadOnlyCollection<string> replaced, Func<ModelDirectory, Task> write, CancellationToken cancellationToken = default)
    {
        AtomicDirectory.Recover(Path);
        await AtomicDirectory.WriteAsync(Path, async staging =>
        {
            CopyFilesTo(staging, replaced);
            await write(new ModelDirectory(staging));
        }, cancellationToken);
    }

    /// <summary>Copies every file of this folder into <paramref name="target"/> (created if missing) except those named in <paramref name="except"/>.</summary>
    public ModelDirectory CopyFilesTo(string target, IReadOnlyCollection<string> except)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(Path).Where(f => !except.Contains(System.IO.Path.GetFileName(f))))
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
        return new ModelDirectory(target);
    }

    /// <summary>
    /// A model folder or a run folder (whose best model is in <c>model/</c>); each loader then checks the folder holds
    /// what it needs (trained weights for TorchSharp, <c>model.onnx</c> for ONNX Runtime).
    /// </summary>
    public static ModelDirectory Locate(string path)
    {
        var nested = new ModelDirectory(System.IO.Path.Combine(path, "model"));
        return (File.Exists(nested.CardPath) || File.Exists(nested.OnnxPath) ? nested : new ModelDirectory(path)).EnsureExists();
    }

    /// <summary>Fails with an actionable error when the folder does not exist (after finishing an interrupted replacement) or is a file.</summary>
    public ModelDirectory EnsureExists()
    {
        if (File.Exists(Path))
            throw new MlopsException($"'{Path}' is a file, not a model folder.",
                $"A model is a folder ({ConfigFile}, {VocabFile}, {CardFile}, and {OnnxFile} or {WeightsFile}): name the folder, e.g. " +
                $"'{System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))}'.", ExitCodes.ModelError);
        AtomicDirectory.Recover(Path);
        if (!Directory.Exists(Path))
            throw new MlopsException($"Model directory '{Path}' does not exist.",
                "Train one with `mlops train` (it writes outputs/<date>/<time>/model and points outputs/latest at it) or pass a folder a previous run wrote.", ExitCodes.ModelError);
        return this;
    }

    /// <summary>Fails with an actionable error when the folder is not a complete trained model (weights included).</summary>
    public ModelDirectory EnsureComplete()
    {
        EnsureExists();
        foreach (var file in new[] { ConfigPath, VocabPath, WeightsPath, CardPath })
            if (!File.Exists(file))
                throw new MlopsException($"Model directory '{Path}' has no '{System.IO.Path.GetFileName(file)}'.",
                    $"A trained model directory holds {ConfigFile}, {VocabFile}, {WeightsFile} and {CardFile}; re-run `mlops train` to write one"
                    + (File.Exists(OnnxPath) ? $", or predict from its {OnnxFile} with --engine onnx." : "."),
                    ExitCodes.ModelError);
        return this;
    }
}
