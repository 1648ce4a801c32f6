using System.Text.Json;
using Mlops.Core;
using TorchSharp.Modules;
using TorchSharp.PyBridge;

namespace Mlops.Training;

/// <summary>
/// The resumable state of a run in one folder: weights, AdamW moments and the trainer state. The folder is replaced
/// as one unit (<see cref="AtomicDirectory"/>), so a crash mid-save leaves the previous resume point whole: weights,
/// moments and step counter always come from the same save.
/// </summary>
public sealed record ResumeCheckpoint(string Path)
{
    private const string WeightsFile = "model.safetensors";
    private const string OptimizerFile = "optimizer.pt";
    private const string StateFile = "trainer_state.json";

    private string WeightsPath => System.IO.Path.Combine(Path, WeightsFile);
    private string OptimizerPath => System.IO.Path.Combine(Path, OptimizerFile);
    private string StatePath => System.IO.Path.Combine(Path, StateFile);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Encoder = ReadableJson.Encoder };

    public bool Exists
    {
        get
        {
            AtomicDirectory.Recover(Path);
            return File.Exists(StatePath);
        }
    }

    /// <summary>
    /// Refuses, in one line and before anything is written, to resume run folder <paramref name="run"/> from this
    /// checkpoint when there is none (exit 4), or when it is the state of a run that finished (exit 5): training
    /// ended there, so there is nothing to continue.
    /// </summary>
    public async Task EnsureResumableAsync(string run, CancellationToken cancellationToken = default)
    {
        if (!Exists)
            throw new MlopsException($"--resume {run}: there is no resume point ({StatePath} is missing).",
                "Resume a run that was interrupted (Ctrl+C or SIGTERM save its state), or start a new one from its config: mlops train --config-from " + run,
                ExitCodes.ModelError);
        TrainerState? state;
        try
        {
            await using var stream = File.OpenRead(StatePath);
            state = await JsonSerializer.DeserializeAsync<TrainerState>(stream, Json, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new MlopsException($"--resume {run}: {StatePath} cannot be read: {e.Message}", "Start a new run from its config: mlops train --config-from " + run,
                ExitCodes.ModelError, e);
        }
        if (state is { Finished: true })
            throw new MlopsException($"--resume {run}: the run finished (at step {state.GlobalStep}), so there is nothing to continue.",
                $"Start a new run from its config, with any overrides: mlops train --config-from {run} (a larger training.max_epochs, say)", ExitCodes.ConfigError);
    }

    public Task SaveAsync(ClassifierTask task, AdamW optimizer, TrainerState state, CancellationToken cancellationToken = default) =>
        AtomicDirectory.WriteAsync(Path, async staging =>
        {
            await using (var weights = File.Create(System.IO.Path.Combine(staging, WeightsFile))) task.Model.save_safetensors(weights, null, leaveOpen: true);
            await using (var moments = File.Create(System.IO.Path.Combine(staging, OptimizerFile))) optimizer.save_py(moments, leaveOpen: true);
            await File.WriteAllTextAsync(System.IO.Path.Combine(staging, StateFile), JsonSerializer.Serialize(state, Json), cancellationToken);
        }, cancellationToken);

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
