using System.ComponentModel;
using Mlops.Core;
using Mlops.Runs;
using Mlops.Runs.Multirun;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops models register</c>: a tracked run's best model (or a sweep's best trial's) becomes the next version of a named model.</summary>
public sealed class ModelsRegisterCommand : AsyncCommand<ModelsRegisterCommand.Settings>
{
    /// <summary>Options of <c>mlops models register</c>.</summary>
    public sealed class Settings : StoreSettings
    {
        [CommandOption("-r|--run <ID>"), Description("The tracked run whose model to register (its id or the start of it).")]
        public string Run { get; init; } = "";

        [CommandOption("--sweep <DIR>"), Description("Instead of --run: the best finished job of this multirun (its folder, as mlops train -m printed it).")]
        public string? Sweep { get; init; }

        [CommandOption("-n|--name <NAME>"), Description("The model's name, e.g. cola.")]
        public string Name { get; init; } = "";

        public override ValidationResult Validate() => this switch
        {
            { Run.Length: > 0, Sweep: not null } => ValidationResult.Error("Give --run or --sweep, not both."),
            { Run.Length: 0, Sweep: null } or { Name.Length: 0 } =>
                ValidationResult.Error("Name the run (or the sweep) and the model: mlops models register --run ID --name cola."),
            _ => ValidationResult.Success(),
        };
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenStoreAsync(cancellationToken);
        if (store is null) return settings.ReportNoStore();
        var runId = settings.Sweep is { } sweep ? TrackedRunOf(SweepSummary.BestFolder(sweep)) : settings.Run;
        var run = await StoreSettings.RequireRunAsync(store, runId, cancellationToken);
        if (run.RunDir is null)
            throw new MlopsException($"Run {run.Id} has no run folder recorded, so there is no model to register.", null, ExitCodes.ModelError);
        var model = ModelDirectory.Locate(run.RunDir);
        var card = File.Exists(model.CardPath) ? await ModelCard.ReadAsync(model.CardPath, cancellationToken) : null;
        var version = await store.RegisterAsync(settings.Name, Path.GetFullPath(model.Path), run.Id, card?.ModelId ?? run.ModelId, Environment.UserName,
            DateTimeOffset.UtcNow, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Registered {model.Path} as {version.Name} version {version.Version}: models:/{version.Name}/{version.Version}");
        return ExitCodes.Success;
    }

    private static string TrackedRunOf(string folder) => RunFolder.Existing(folder).TrackedRunId
        ?? throw new MlopsException($"The sweep's best job ('{folder}') was not tracked, so it is not in the store.",
            "Run the sweep with a tracking store (tracking=sqlite or tracking=postgres).");
}
