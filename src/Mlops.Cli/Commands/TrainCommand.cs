using System.ComponentModel;
using Microsoft.Extensions.Logging;
using Mlops.Core;
using Mlops.Model.Bert;
using Mlops.Training;
using Mlops.Training.Callbacks;
using Mlops.Training.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops train</c>: binds the options into a <see cref="TrainRequest"/> and runs it.</summary>
public sealed class TrainCommand : AsyncCommand<TrainCommand.Settings>
{
    /// <summary>Options of <c>mlops train</c>.</summary>
    public sealed class Settings : DatasetSettings
    {
        [CommandOption("-m|--model <SHAPE>"), Description("Model shape: 'tiny' (L2/H128, the course's) or 'minilm' (L6/H384)."), DefaultValue("tiny")]
        public string Shape { get; init; } = "tiny";

        [CommandOption("--pretrained <SOURCE>"), Description("Initial weights: 'none', 'minilm' (embedded, offline) or a Hugging Face model folder.")]
        public string? Pretrained { get; init; }

        [CommandOption("--pooling <MODE>"), Description("Sentence vector: 'mean' of token states or 'cls' (BERT pooler)."), DefaultValue(Pooling.Mean)]
        public Pooling Pooling { get; init; } = Pooling.Mean;

        [CommandOption("--layers <N>")] public int? Layers { get; init; }
        [CommandOption("--hidden <N>")] public int? Hidden { get; init; }
        [CommandOption("--heads <N>")] public int? Heads { get; init; }
        [CommandOption("--intermediate <N>")] public int? Intermediate { get; init; }
        [CommandOption("--dropout <P>")] public double? Dropout { get; init; }

        [CommandOption("--bf16"), Description("Mixed precision: dense-layer matmuls in bfloat16, weights and optimizer in float32.")]
        public bool Bf16 { get; init; }

        [CommandOption("-e|--epochs <N>"), Description("Maximum epochs."), DefaultValue(5)]
        public int Epochs { get; init; } = 5;

        [CommandOption("--lr <RATE>"), Description("Peak learning rate (AdamW, linear warm-up then decay)."), DefaultValue(1e-4)]
        public double LearningRate { get; init; } = 1e-4;

        [CommandOption("--weight-decay <W>"), DefaultValue(0.01)] public double WeightDecay { get; init; } = 0.01;
        [CommandOption("--warmup <RATIO>"), DefaultValue(0.1)] public double Warmup { get; init; } = 0.1;
        [CommandOption("--clip <NORM>"), Description("Gradient clipping norm (0 = off)."), DefaultValue(1.0)] public double Clip { get; init; } = 1.0;
        [CommandOption("--layer-lr-decay <F>"), Description("Layer-wise learning-rate decay (1 = off)."), DefaultValue(1.0)] public double LayerDecay { get; init; } = 1.0;

        [CommandOption("--balance-classes"), Description("Weight the loss by inverse class frequency (helps MCC on imbalanced data).")]
        public bool BalanceClasses { get; init; }

        [CommandOption("-b|--batch-size <N>"), DefaultValue(32)] public int BatchSize { get; init; } = 32;
        [CommandOption("--max-length <N>"), Description("Longest token sequence; batches are padded only to their longest sentence."), DefaultValue(128)]
        public int MaxLength { get; init; } = 128;
        [CommandOption("--no-bucketing"), Description("Random batches instead of length-bucketed ones.")] public bool NoBucketing { get; init; }

        [CommandOption("--eval-every <STEPS>"), Description("Also evaluate every N steps (0 = per epoch only)."), DefaultValue(0)] public int EvalEvery { get; init; }
        [CommandOption("--limit-train-batches <N>"), DefaultValue(0)] public int LimitTrainBatches { get; init; }
        [CommandOption("--limit-val-batches <N>"), DefaultValue(0)] public int LimitValBatches { get; init; }
        [CommandOption("--monitor <METRIC>"), Description("Metric that picks the best checkpoint."), DefaultValue("val_mcc")] public string Monitor { get; init; } = "val_mcc";
        [CommandOption("--monitor-mode <MODE>"), DefaultValue(MonitorMode.Max)] public MonitorMode MonitorMode { get; init; } = MonitorMode.Max;
        [CommandOption("--patience <N>"), Description("Early stopping patience in evaluations (0 = off)."), DefaultValue(3)] public int Patience { get; init; } = 3;
        [CommandOption("--seed <N>"), DefaultValue(42)] public int Seed { get; init; } = 42;
        [CommandOption("--threads <N>"), Description("Torch intra-op threads (default: libtorch's).")] public int? Threads { get; init; }

        [CommandOption("-o|--output <DIR>"), Description("Run folder: best model in <DIR>/model, resume point in <DIR>/last."), DefaultValue("models/default")]
        public string Output { get; init; } = "models/default";
        [CommandOption("--resume"), Description("Continue the run in --output from its last saved state.")] public bool Resume { get; init; }
        [CommandOption("-v|--verbose")] public bool Verbose { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var logging = CliLogging.Create(settings.Verbose);
        using var downloads = new DownloadProgressBar(AnsiConsole.Console);
        var request = new TrainRequest
        {
            Dataset = settings.ResolveDataset(downloads),
            Model = new ModelSpec
            {
                Shape = settings.Shape,
                Pretrained = settings.Pretrained,
                Pooling = settings.Pooling,
                Layers = settings.Layers,
                Hidden = settings.Hidden,
                Heads = settings.Heads,
                Intermediate = settings.Intermediate,
                Dropout = settings.Dropout,
                Precision = settings.Bf16 ? MatmulPrecision.BFloat16 : MatmulPrecision.Float32,
            },
            Trainer = new TrainerOptions
            {
                MaxEpochs = settings.Epochs,
                LearningRate = settings.LearningRate,
                WeightDecay = settings.WeightDecay,
                WarmupRatio = settings.Warmup,
                GradientClipNorm = settings.Clip,
                LayerwiseLrDecay = settings.LayerDecay,
                EvalEveryNSteps = settings.EvalEvery,
                LimitTrainBatches = settings.LimitTrainBatches,
                LimitValBatches = settings.LimitValBatches,
                Monitor = settings.Monitor,
                MonitorMode = settings.MonitorMode,
                Patience = settings.Patience,
                Seed = settings.Seed,
            }.Validate(),
            BatchSize = settings.BatchSize,
            MaxLength = settings.MaxLength,
            BucketByLength = !settings.NoBucketing,
            OutputDir = settings.Output,
            Resume = settings.Resume,
            BalanceClasses = settings.BalanceClasses,
            Threads = settings.Threads,
        };
        var run = new TrainingRun(logging.CreateLogger("mlops.train"));
        var outcome = await run.ExecuteAsync(request, [new ProgressDisplay(AnsiConsole.Console)], cancellationToken);
        if (outcome.Fit.Interrupted)
        {
            AnsiConsole.MarkupLine($"[yellow]Interrupted at step {outcome.Fit.GlobalStep}; state saved in '{Markup.Escape(Path.Combine(settings.Output, "last"))}'.[/]");
            AnsiConsole.MarkupLine($"Resume with: mlops train --resume --output {Markup.Escape(settings.Output)} (and the same options)");
            return ExitCodes.Interrupted;
        }
        MetricsTable.Write(AnsiConsole.Console, $"Best model ({settings.Monitor}) -> {outcome.BestModel.Path}", outcome.BestMetrics);
        AnsiConsole.MarkupLine($"Trained {outcome.Fit.Epochs} epoch(s), {outcome.Fit.GlobalStep} steps in {outcome.Fit.Elapsed.TotalSeconds:F1} s " +
                               $"({outcome.SentencesPerSecond:F0} sentences/s){(outcome.Fit.StoppedEarly ? ", stopped early" : "")}.");
        AnsiConsole.MarkupLine($"Next: mlops predict --model {Markup.Escape(outcome.BestModel.Path)} \"Your sentence here.\"");
        return ExitCodes.Success;
    }
}
