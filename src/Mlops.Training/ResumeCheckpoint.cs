using System.Text.Json;
using Mlops.Core;
using TorchSharp.Modules;
using TorchSharp.PyBridge;

namespace Mlops.Training;

/// <summary>
/// The resumable state of a run in one folder: weights, AdamW moments and the trainer state. Each file is
/// written atomically and the state file last, so a crash mid-save leaves the previous resume point usable.
/// </summary>
public sealed record ResumeCheckpoint(string Path)
{
    private string WeightsPath => System.IO.Path.Combine(Path, "model.safetensors");
    private string OptimizerPath => System.IO.Path.Combine(Path, "optimizer.pt");
    private string StatePath => System.IO.Path.Combine(Path, "trainer_state.json");

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public bool Exists => File.Exists(StatePath);

    public async Task SaveAsync(ClassifierTask task, AdamW optimizer, TrainerState state, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path);
        AtomicFile.Write(WeightsPath, s => task.Model.save_safetensors(s, null, leaveOpen: true));
        AtomicFile.Write(OptimizerPath, s => optimizer.save_py(s, leaveOpen: true));
        await AtomicFile.WriteAllTextAsync(StatePath, JsonSerializer.Serialize(state, Json), cancellationToken);
    }

    public async Task<TrainerState> LoadAsync(ClassifierTask task, AdamW optimizer, CancellationToken cancellationToken = default)
    {
        if (!Exists)
            throw new TrainingException($"No resumable checkpoint in '{Path}'.",
                "Resume from the 'last' folder a previous `mlops train` wrote (it holds trainer_state.json).");
        try
        {
            task.Model.load_safetensors(WeightsPath, strict: true);
            optimizer.load_py(OptimizerPath);
            await using var stream = File.OpenRead(StatePath);
            return await JsonSerializer.DeserializeAsync<TrainerState>(stream, Json, cancellationToken)
                ?? throw new JsonException("empty document");
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or KeyNotFoundException or IOException)
        {
            throw new TrainingException($"Checkpoint '{Path}' cannot be resumed into this model ({task.Model.Config.Describe()}): {e.Message}",
                "Resume with the same model settings the run was started with.", e);
        }
    }
}
