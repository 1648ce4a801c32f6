using System.ComponentModel;
using Mlops.Cli.Configuration;
using Mlops.Config.Overrides;
using Mlops.Core;
using Mlops.Tracking;
using Mlops.Serving;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops serve</c>: the prediction API of <c>mlops-serve</c> (ONNX Runtime), on the <c>serving</c> config group, until Ctrl+C or SIGTERM.</summary>
public sealed class ServeCommand : AsyncCommand<ServeCommand.Settings>
{
    /// <summary>Where <c>mlops serve</c> writes prediction events unless <c>monitoring.log_dir</c> says otherwise: replayable with <c>mlops monitor --logs</c>.</summary>
    public const string DefaultLogDir = "outputs/predictions";

    /// <summary>Options of <c>mlops serve</c>: everything is a <c>serving.*</c> override.</summary>
    public sealed class Settings : ConfigSettings
    {
        [CommandArgument(0, "[OVERRIDES]"), Description("Config overrides, e.g. serving.port=9000 serving.model_dir=serving-model.")]
        public string[] Overrides { get; init; } = [];
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var config = settings.Load(OverrideParser.ParseAll(settings.Overrides));
        if (settings.PrintedConfig(config)) return ExitCodes.Success;
        var serving = config.Options.Serving with
        {
            ModelDir = await ModelReference.ResolveAsync(config.Options.Serving.ModelDir, config.Options.Tracking.Uri, cancellationToken),
        };
        // The console is this command's own: prediction events go to files (monitoring.log_dir, outputs/predictions by default), not to stdout.
        var monitoring = config.Options.Monitoring with
        {
            Stdout = false,
            LogDir = config.Options.Monitoring.LogDir is { Length: > 0 } dir ? dir : DefaultLogDir,
        };
        await using var app = await ServingApp.BuildAsync(serving, monitoring, config.Options.Tracking.Uri, cancellationToken);
        await ServingApp.ListenAsync(app, cancellationToken);
        AnsiConsole.MarkupLine($"Serving [green]{Markup.Escape(string.Join(", ", app.Urls))}[/]: GET /predict?text=..., POST /v1/predict, /healthz, /readyz. Ctrl+C stops.");
        if (monitoring.Enabled)
            AnsiConsole.MarkupLine($"Prediction events: {Markup.Escape(Path.GetFullPath(monitoring.LogDir))} (replay them: mlops monitor --logs {Markup.Escape(monitoring.LogDir)} --model MODEL).");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
        await app.StopAsync(CancellationToken.None);
        return ExitCodes.Success;
    }
}
