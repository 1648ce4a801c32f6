using System.ComponentModel;
using Mlops.Cli.Configuration;
using Mlops.Runs;
using Mlops.Runs.Multirun;
using Mlops.Config.Hosting;
using Mlops.Config.Overrides;
using Mlops.Config.Tree;
using Mlops.Core;
using MonitorMode = Mlops.Training.MonitorMode;
using ResumeCheckpoint = Mlops.Training.ResumeCheckpoint;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary>
/// <c>mlops train [overrides]</c>: compose the config, then train once in a fresh run folder, or with
/// <c>-m</c> once per combination of the sweeps, each job in its own folder.
/// </summary>
public sealed class TrainCommand : AsyncCommand<TrainCommand.Settings>
{
    /// <summary>Options of <c>mlops train</c>; every training knob is a config key, set by an override.</summary>
    public sealed class Settings : ConfigSettings
    {
        [CommandArgument(0, "[OVERRIDES]"), Description("Config overrides: key=value, group=option, +key=value, ++key=value, ~key. With -m, a,b,c and range(...) sweep.")]
        public string[] Overrides { get; init; } = [];

        [CommandOption("-m|--multirun"), Description("Run one job per combination of the sweep values, each in its own folder.")]
        public bool Multirun { get; init; }

        [CommandOption("--fail-fast"), Description("Multirun: stop at the first failed job.")]
        public bool FailFast { get; init; }

        [CommandOption("--resume <RUN>"), Description("Continue a run folder from its last saved state, with its saved config (overrides still apply). With -m, a sweep folder: finished jobs are kept, stopped ones resume, the rest run.")]
        public string? Resume { get; init; }

        [CommandOption("-v|--verbose")] public bool Verbose { get; init; }

        public override ValidationResult Validate() => this switch
        {
            { Resume: not null, ConfigFrom: not null } => ValidationResult.Error("--resume already reuses the run's saved config; drop --config-from."),
            { Resume: not null, Multirun: true, Overrides.Length: > 0 } =>
                ValidationResult.Error("-m --resume continues a sweep with the overrides it was started with; drop the overrides."),
            { FailFast: true, Multirun: false } => ValidationResult.Error("--fail-fast applies to multiruns; add -m."),
            _ => ValidationResult.Success(),
        };
    }

    /// <summary>The key of the torch threads (<see cref="Mlops.Training.TrainerOptions.Threads"/>): how jobs that train side by side share the cores.</summary>
    private const string ThreadsKey = "training.threads";

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var overrides = OverrideParser.ParseAll(settings.Overrides);
        if (settings.Multirun)
        {
            string[] extra = settings.Verbose ? ["--verbose"] : [];
            var request = settings.Resume is { } sweepFolder
                ? SweepRequestFile.Read(sweepFolder, settings.FailFast, extra)
                : new MultirunRequest("train", settings.Source, overrides, settings.FailFast, extra, ThreadsKey);
            var plan = MultirunRunner.Plan<MlopsConfig>(request,
                options => new SweepObjective(options.Training.Monitor, options.Training.MonitorMode == MonitorMode.Max), settings.Resume);
            if (settings.PrintConfig)
            {
                foreach (var job in plan.Jobs) ConfigPrinter.Write(AnsiConsole.Console, job.Choices, job.JobConfig);
                return ExitCodes.Success;
            }
            var (code, sweep) = await new MultirunDisplay(AnsiConsole.Console).RunAsync(new MultirunRunner(MultirunRunner.Launcher(plan)), request, plan, cancellationToken);
            // The sweep's runs are read from the store its first job tracked to.
            if (ConfigLoader.Resolve<MlopsConfig>(ConfigLoader.Compose(request.Source, plan.First.Overrides), DateTimeOffset.Now).Options.Tracking
                is { Backend: TrackingBackend.Store } tracking)
                await SweepRunsTable.WriteAsync(AnsiConsole.Console, tracking, sweep, plan.Objective.Metric, cancellationToken);
            return code;
        }

        var config = (settings.Resume is { } run ? new ConfigSettings { ConfigFrom = run } : settings).Load(overrides);
        if (settings.PrintedConfig(config)) return ExitCodes.Success;
        if (settings.Resume is { } resumed)
        {
            // Before anything is written: a finished run (or one with no resume point) leaves its folder, the store and latest as they are.
            await new ResumeCheckpoint(Path.Combine(resumed, RunFolder.ResumeDir)).EnsureResumableAsync(resumed, cancellationToken);
            var saved = new ConfigSettings { ConfigFrom = resumed }.Load([]);
            foreach (var note in ResumeGuard.Check(resumed, saved.JobConfig, config.JobConfig))
                AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(note)}[/]");
        }
        var folder = settings.Resume is { } existing ? RunFolder.Existing(existing) : RunFolder.CreateNew(config.Options.Mlops.Run.Dir);
        await folder.SaveConfigAsync(config.JobConfig, overrides, cancellationToken);
        return await new TrainJob(AnsiConsole.Console).RunAsync(config.Options, ConfigPath.Leaves(config.JobConfig), folder, settings.Resume is not null,
            settings.Verbose, cancellationToken);
    }
}
