using System.Diagnostics;
using System.Globalization;
using Mlops.Core;
using Mlops.Model;
using Mlops.Model.Bert;
using TorchSharp.Modules;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Mlops.Training.Tests;

/// <summary>
/// Kills a real writer process (SIGKILL) at random points while it saves <c>last/</c> and <c>model/</c>, and checks after
/// each kill that both folders hold one complete save: weights, AdamW step counts and state file from the same step.
/// </summary>
[Collection(nameof(ChildProcessCollection))]
public sealed class CrashSafetyTests(ITestOutputHelper output) : TempDirectoryTest
{
    private const int Kills = 200;
    private const int FirstStep = 1;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Every_kill_while_saving_leaves_last_and_model_at_a_complete_save()
    {
        var random = new Random(20240611);
        int lastStagingSeen = 0, modelStagingSeen = 0, refusals = 0, previousStep = 0;
        var watch = Stopwatch.StartNew();
        for (var kill = 1; kill <= Kills; kill++)
        {
            await StartAndKillWriterAsync(TimeSpan.FromMilliseconds(random.Next(0, 251)));
            var staging = Directory.EnumerateDirectories(Dir, "*.staging-*").Select(d => Path.GetFileName(d)!).ToList();
            if (staging.Any(s => s.StartsWith("last.", StringComparison.Ordinal))) lastStagingSeen++;
            if (staging.Any(s => s.StartsWith("model.", StringComparison.Ordinal))) modelStagingSeen++;

            var lastStep = await CheckLastAsync(kill);
            var modelStep = await CheckModelAsync(kill);
            if (lastStep is null || modelStep is null)
            {
                // A refusal is allowed (with a clear message) but leaves nothing to resume: start the writer over.
                refusals++;
                previousStep = 0;
                Directory.Delete(CheckpointWriter.LastPath(Dir), recursive: true);
                Directory.Delete(CheckpointWriter.ModelPath(Dir), recursive: true);
                continue;
            }
            // last/ is saved before model/ at each step, so model/ is at the same step or one behind.
            Assert.True(modelStep == lastStep || modelStep == lastStep - 1, $"kill {kill}: model/ is at step {modelStep}, last/ at step {lastStep}");
            // Each writer resumed from the previous kill's point and completed at least one save before it was killed.
            Assert.True(lastStep > previousStep, $"kill {kill}: last/ is at step {lastStep}, not past the previous kill's {previousStep}");
            previousStep = lastStep.Value;
        }
        output.WriteLine($"{Kills} kills in {watch.Elapsed.TotalSeconds:F0} s: final step {previousStep}, {refusals} refusals, " +
            $"killed mid-save of last/ {lastStagingSeen} times and of model/ {modelStagingSeen} times.");
        // Not vacuous: some kills must have hit each save while it was in progress (its staging folder was left behind).
        Assert.True(lastStagingSeen > 0, "no kill landed while last/ was being saved");
        Assert.True(modelStagingSeen > 0, "no kill landed while model/ was being saved");
    }

    /// <summary>Starts a writer on <see cref="TempDirectoryTest.Dir"/>, waits until it has saved once, lets it run <paramref name="delay"/> and kills it.</summary>
    private async Task StartAndKillWriterAsync(TimeSpan delay)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { typeof(CheckpointWriter).Assembly.Location, "checkpoint-writer", Dir, FirstStep.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        using var writer = Process.Start(start)!;
        var stderr = writer.StandardError.ReadToEndAsync();
        try
        {
            using var timeout = new CancellationTokenSource(StartTimeout);
            var line = await writer.StandardOutput.ReadLineAsync(timeout.Token);
            if (line != CheckpointWriter.Ready)
            {
                writer.Kill();
                await writer.WaitForExitAsync();
                Assert.Fail($"The writer said '{line}' instead of '{CheckpointWriter.Ready}' (exit code {writer.ExitCode}): {await stderr}");
            }
            await Task.Delay(delay);
        }
        finally
        {
            writer.Kill(); // SIGKILL: no finally blocks, no flushes in the writer
            await writer.WaitForExitAsync();
        }
    }

    /// <summary>Resumes <c>last/</c> as the trainer does; returns its step, or null when it refuses with a clear message.</summary>
    private async Task<int?> CheckLastAsync(int kill)
    {
        using var scope = NewDisposeScope();
        using var model = new BertForSequenceClassification(TinySetup.Config, 2, Pooling.Mean);
        using var optimizer = CheckpointWriter.NewOptimizer(model);
        var checkpoint = new ResumeCheckpoint(CheckpointWriter.LastPath(Dir));
        TrainerState state;
        try
        {
            state = await checkpoint.LoadAsync(new ClassifierTask(model), optimizer);
        }
        catch (TrainingException e)
        {
            Assert.Contains(checkpoint.Path, e.Message);
            Assert.False(string.IsNullOrWhiteSpace(e.Hint));
            return null;
        }
        AssertAllWeights(model, state.GlobalStep, $"kill {kill}: last/ with trainer_state.json at step {state.GlobalStep}");
        var steps = AdamSteps(optimizer);
        Assert.True(steps.All(s => s == state.GlobalStep - FirstStep + 1),
            $"kill {kill}: last/ with trainer_state.json at step {state.GlobalStep} has AdamW step counts {string.Join(",", steps.Distinct())}");
        return state.GlobalStep;
    }

    /// <summary>Loads <c>model/</c> as prediction does; returns the step its card names, or null when it refuses with a clear message.</summary>
    private async Task<int?> CheckModelAsync(int kill)
    {
        using var scope = NewDisposeScope();
        var directory = new ModelDirectory(CheckpointWriter.ModelPath(Dir));
        BertForSequenceClassification model;
        ModelCard card;
        try
        {
            (model, card) = await ClassifierStore.LoadAsync(directory);
        }
        catch (MlopsException e)
        {
            Assert.Contains(directory.Path, e.Message);
            Assert.False(string.IsNullOrWhiteSpace(e.Hint));
            return null;
        }
        using (model)
        {
            var step = (int)card.Metrics["step"];
            AssertAllWeights(model, step, $"kill {kill}: model/ with mlops.json at step {step}");
            return step;
        }
    }

    private static void AssertAllWeights(BertForSequenceClassification model, int step, string what)
    {
        foreach (var (name, parameter) in model.named_parameters())
            if (!parameter.eq(step).all().item<bool>())
                Assert.Fail($"{what} has {name} = {parameter.flatten()[0].item<float>()}: a mixed state");
    }

    /// <summary>Each parameter's AdamW step count (PyTorch's <c>state[p]["step"]</c>).</summary>
    private static long[] AdamSteps(AdamW optimizer) => optimizer.state_dict().State.Cast<AdamW.State>().Select(s => s.step).ToArray();
}
