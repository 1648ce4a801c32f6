using System.ComponentModel;
using Mlops.Cli.Configuration;
using Mlops.Cli.Demo;
using Mlops.Config.Overrides;
using Mlops.Core;
using Mlops.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary>
/// <c>mlops demo</c>: the whole life of a model on one machine, offline, in a fresh folder, with the project's own
/// commands (<see cref="DemoWalk"/>); the outside servers it finds installed, embedded alternatives for the rest.
/// </summary>
public sealed class DemoCommand : AsyncCommand<DemoCommand.Settings>
{
    /// <summary>The file in a demo folder that marks it as one, so a rerun may delete it and start clean.</summary>
    public const string Marker = ".mlops-demo";
    /// <summary>The demo's record of itself (steps, servers, URLs, the alarm), in its folder.</summary>
    public const string ReportFile = "demo.json";

    /// <summary>Options of <c>mlops demo</c>; the overrides go to its <c>mlops train</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[OVERRIDES]"), Description("Overrides for the training step, e.g. data=cola data.dir=../shared/data/cola, or training.max_epochs=1 for a shorter run.")]
        public string[] Overrides { get; init; } = [];

        [CommandOption("--dir <DIR>"), Description("The demo's folder, made fresh (a previous demo there is deleted first)."), DefaultValue("mlops-demo")]
        public string Dir { get; init; } = "mlops-demo";

        [CommandOption("--keep"), Description("Leave the serving host, the dashboard and the servers running at the end, until Ctrl+C.")]
        public bool Keep { get; init; }

        [CommandOption("--no-servers"), Description("Use the embedded alternatives even where s3rver, Prometheus, Alertmanager and podman are installed.")]
        public bool NoServers { get; init; }

        [CommandOption("--image <NAME>"), Description("Serve this serving image (deploy/build-image.sh builds one) with podman, instead of building one from the checkout.")]
        public string? Image { get; init; }

        [CommandOption("--no-image"), Description("Serve with the host directly (mlops serve) even where podman is installed.")]
        public bool NoImage { get; init; }

        public override ValidationResult Validate() =>
            Image is not null && (NoImage || NoServers) ? ValidationResult.Error("--image serves a container with podman; leave out --no-image and --no-servers.")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var dir = Path.GetFullPath(settings.Dir);
        var overrides = OverrideParser.ParseAll(DemoWalk.TrainingOverrides(settings.Overrides)); // bad overrides fail here, before anything starts
        StartClean(dir);
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]mlops demo[/] in {Markup.Escape(dir)}: train, register, export, version, serve, replay traffic, see drift, open the dashboard.");
        var narrator = new DemoNarrator(console, DemoWalk.Steps);
        using var walk = new DemoWalk(new DemoOptions(dir, !settings.NoServers, !settings.NoImage, settings.Image, settings.Overrides), narrator, token => ValidationAsync(overrides, token));
        await walk.RunAsync(cancellationToken);
        narrator.WriteSummary();
        var report = walk.Report(narrator.Total);
        await AtomicFile.WriteAllTextAsync(Path.Combine(dir, ReportFile), report.ToJsonString(ReadableJson.Indented()), cancellationToken);
        console.MarkupLine($"Everything the demo made is in {Markup.Escape(dir)} ({ReportFile} records it); each step's commands work there on their own, e.g. cd {Markup.Escape(Path.Combine(dir, "project"))} && mlops runs list.");
        if (!settings.Keep)
        {
            console.MarkupLine("The servers it started are stopped; mlops demo --keep leaves them running, or start one alone (cd project && mlops ui).");
            return ExitCodes.Success;
        }
        console.MarkupLine("[green]Left running[/] (--keep), until Ctrl+C stops them all:");
        foreach (var (name, url) in walk.Urls) console.MarkupLine($"  {name,-13}[link]{Markup.Escape(url!.ToString())}[/]");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
        return ExitCodes.Success;
    }

    /// <summary>Makes <paramref name="dir"/> a fresh, marked demo folder; refuses a folder with other things in it.</summary>
    private static void StartClean(string dir)
    {
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
        {
            if (!File.Exists(Path.Combine(dir, Marker)))
                throw new MlopsException($"'{dir}' is not empty and is not a demo folder.", "Pass --dir a new or empty folder; mlops demo deletes only a folder a previous demo made.");
            Directory.Delete(dir, recursive: true);
        }
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, Marker), "A folder mlops demo made; the next mlops demo --dir here deletes it and starts clean.\n");
    }

    /// <summary>The validation split of the dataset the demo trains on: the normal traffic it replays.</summary>
    private static async Task<IReadOnlyList<LabeledSentence>> ValidationAsync(IReadOnlyList<Override> overrides, CancellationToken cancellationToken)
    {
        var config = new ConfigSettings().Load(overrides);
        return (await config.Options.Data.Resolve().LoadAsync(cancellationToken)).Validation;
    }
}
