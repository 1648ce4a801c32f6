using Mlops.Cli.Configuration;
using Mlops.Core;
using Mlops.Core.Processes;
using Mlops.Runs;
using Mlops.Training.Callbacks;
using Mlops.Workflows;
using Mlops.Training;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Mlops.Cli;

/// <summary>One training run from bound options into its run folder, with progress, log file and summary.</summary>
public sealed class TrainJob(IAnsiConsole console)
{
    public async Task<int> RunAsync(MlopsConfig options, IReadOnlyDictionary<string, string?> parameters, RunFolder folder, bool resume, bool verbose,
        CancellationToken cancellationToken)
    {
        using var logging = CliLogging.Create(verbose, folder.LogPath);
        using var downloads = new DownloadProgressBar(console);
        var logger = logging.CreateLogger("mlops.train");
        var (commit, dirty) = await GitState.ReadAsync(Directory.GetCurrentDirectory(), cancellationToken);
        var request = new TrainRequest
        {
            Dataset = options.Data.Resolve(downloads),
            Data = options.Data,
            Model = options.Model,
            Trainer = options.Training,
            OutputDir = folder.Path,
            Resume = resume,
            Provenance = new RunProvenance
            {
                GitCommit = commit,
                GitDirty = dirty,
                ConfigHash = ContentHash.Of(await File.ReadAllTextAsync(folder.ConfigPath, cancellationToken)),
                RunDir = Path.GetFullPath(folder.Path),
                DataVersions = await TrainingDataVersions.FindAsync(options.Data, logger, cancellationToken),
            },
        };
        var curves = new LearningCurveRecorder();
        List<Callback> callbacks = [new ProgressDisplay(console), curves];
        // A sweep's trials write it whatever the backend: the sweep's early stopping reads it.
        if (options.Tracking.Backend != TrackingBackend.None || options.Mlops.Job.Sweep is not null) callbacks.Add(new MetricsFileWriter(folder.MetricsPath));

        await using var tracking = await TrackedRun.StartAsync(options.Tracking, parameters, request.Provenance, folder, options.Mlops.Job.Sweep, resume, logger,
            cancellationToken);
        if (tracking is not null) callbacks.Add(new TrackingCallback(tracking.Tracker));
        TrainOutcome outcome;
        try
        {
            outcome = await new TrainingWorkflow(logger).ExecuteAsync(request, callbacks, cancellationToken);
        }
        catch (Exception e) when (e is not (MlopsException or OperationCanceledException))
        {
            logger.LogCritical(e, "Training failed.");
            e.Data[CliHost.LogFileKey] = folder.LogPath;
            throw;
        }
        // Not cancellable: after Ctrl+C or SIGTERM the run folder still gets what the run left.
        await RunReportFiles.WriteAsync(folder.Path, outcome.Evaluation, curves.Curves, logger, CancellationToken.None);
        if (tracking is not null) await tracking.FinishAsync(outcome);
        if (outcome.Fit.Interrupted)
        {
            console.MarkupLine($"[yellow]Interrupted at step {outcome.Fit.GlobalStep}; state saved in '{Markup.Escape(Path.Combine(folder.Path, RunFolder.ResumeDir))}'.[/]");
            console.MarkupLine($"Resume with: mlops train --resume {Markup.Escape(folder.Path)}");
            // CliHost turns this into 143 when SIGTERM asked for the stop.
            return ExitCodes.Interrupted;
        }
        if (options.Mlops.Run.Latest is { } latest) folder.PointLatest(latest);
        MetricsTable.Write(console, $"Best model by {options.Training.Monitor} on the {(options.Data.SelectionSplit > 0 ? "held-out training slice" : "validation split")} -> {outcome.BestModel.Path}", outcome.BestMetrics);
        EvaluationTable.Write(console, $"The best model on {options.Data.Name}'s validation split, scored once", outcome.Evaluation!);
        var trained = outcome.Fit.FirstStep > 0
            ? $"Resumed at step {outcome.Fit.FirstStep}: trained {outcome.Fit.StepsRun} more steps, to epoch {outcome.Fit.Epochs} (step {outcome.Fit.GlobalStep}),"
            : $"Trained {outcome.Fit.Epochs} epoch(s), {outcome.Fit.GlobalStep} steps";
        console.MarkupLine($"{trained} in {outcome.Fit.Elapsed.TotalSeconds:F1} s " +
                           $"({outcome.SentencesPerSecond:F0} sentences/s){(outcome.Fit.StoppedEarly ? ", stopped early" : "")}.");
        var takesPairs = (await ModelCard.ReadAsync(outcome.BestModel.CardPath, cancellationToken)).TextPair;
        console.MarkupLine($"Run folder: {Markup.Escape(folder.Path)}. Next: mlops predict \"Your sentence here.\"{(takesPairs ? " --text-pair \"Its second sentence.\"" : "")}");
        return ExitCodes.Success;
    }
}
