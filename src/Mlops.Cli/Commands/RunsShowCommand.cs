using System.ComponentModel;
using System.Globalization;
using Mlops.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops runs show RUN</c>: one tracked run: where it came from, its params, every metric's last, min and max, and its files.</summary>
public sealed class RunsShowCommand : AsyncCommand<RunsShowCommand.Settings>
{
    /// <summary>Options of <c>mlops runs show</c>.</summary>
    public sealed class Settings : StoreSettings
    {
        [CommandOption("-r|--run <ID>"), Description("The run's id, or the start of it (see mlops runs list).")]
        public string Run { get; init; } = "";

        public override ValidationResult Validate() =>
            Run.Length == 0 ? ValidationResult.Error("Name the run: mlops runs show --run ID (ids are in mlops runs list).") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenStoreAsync(cancellationToken);
        if (store is null) return settings.ReportNoStore();
        var run = await StoreSettings.RequireRunAsync(store, settings.Run, cancellationToken);
        var identity = new Grid().AddColumns(2);
        foreach (var (key, value) in new (string, string?)[]
                 {
                     ("id", run.Id), ("name", run.Name), ("status", RunsListCommand.Status(run.Status)),
                     ("started", run.StartedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                     ("ended", run.EndedAt?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                     ("model", run.ModelId), ("data", run.DataFingerprint), ("config", run.ConfigHash),
                     ("git", run.GitCommit is null ? null : run.GitCommit + (run.GitDirty == true ? " (uncommitted changes)" : "")), ("folder", run.RunDir),
                 })
            identity.AddRow(key, key == "status" ? value! : Markup.Escape(value ?? "-"));
        AnsiConsole.Write(identity);
        var metrics = new Table().Title("metrics").AddColumns("metric", "last", "at step", "min", "max", "points");
        foreach (var (name, s) in run.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
            metrics.AddRow(Markup.Escape(name), F(s.Last), s.LastStep.ToString(CultureInfo.InvariantCulture), F(s.Min), F(s.Max), s.Count.ToString(CultureInfo.InvariantCulture));
        AnsiConsole.Write(metrics);
        var parameters = new Table().Title("params").AddColumns("key", "value");
        foreach (var (key, value) in await store.ParamsAsync(run.Id, cancellationToken)) parameters.AddRow(Markup.Escape(key), Markup.Escape(value));
        AnsiConsole.Write(parameters);
        var artifacts = await store.ArtifactsAsync(run.Id, cancellationToken);
        if (artifacts.Count > 0)
        {
            var files = new Table().Title("artifacts").AddColumn(new TableColumn("file").NoWrap()).AddColumns("size", "sha256");
            foreach (var file in artifacts) files.AddRow(Markup.Escape(file.Path), ByteSize.Describe(file.Bytes), file.Sha256[..12]);
            AnsiConsole.Write(files);
        }
        return ExitCodes.Success;

        static string F(double value) => NumberText.Format(value, 6);
    }
}
