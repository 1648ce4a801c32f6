using System.ComponentModel;
using System.Globalization;
using Mlops.Core;
using Mlops.Tracking;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops models list</c>: the registered models, or with <c>--name</c> a model's versions with their aliases and the alias history (who, when, from -> to).</summary>
public sealed class ModelsListCommand : AsyncCommand<ModelsListCommand.Settings>
{
    /// <summary>Options of <c>mlops models list</c>.</summary>
    public sealed class Settings : StoreSettings
    {
        [CommandOption("-n|--name <NAME>"), Description("The model whose versions and alias history to show (default: list the registered models).")]
        public string? Name { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenStoreAsync(cancellationToken);
        if (store is null) return settings.ReportNoStore();
        if (settings.Name is null) return await ListModelsAsync(store, cancellationToken);
        var versions = await store.VersionsAsync(settings.Name, cancellationToken);
        if (versions.Count == 0)
            throw new MlopsException($"No model named '{settings.Name}' is registered.", "Register one: mlops models register --run ID --name NAME", ExitCodes.UserError);
        var table = new Table().Title(Markup.Escape(settings.Name)).AddColumns("version", "aliases", "run", "model id", "registered", "by").AddColumn(new TableColumn("folder").NoWrap());
        foreach (var v in versions)
            table.AddRow(v.Version.ToString(CultureInfo.InvariantCulture), Markup.Escape(string.Join(", ", v.Aliases)), v.RunId ?? "-",
                Markup.Escape(v.ModelId?[..Math.Min(19, v.ModelId.Length)] ?? "-"), When(v.CreatedAt), Markup.Escape(v.CreatedBy ?? "-"), Markup.Escape(v.ModelDir));
        AnsiConsole.Write(table);
        var history = new Table().Title("alias history").AddColumns("when", "alias", "from", "to", "by");
        foreach (var change in await store.AliasHistoryAsync(settings.Name, cancellationToken))
            history.AddRow(When(change.ChangedAt), Markup.Escape(change.Alias), change.FromVersion?.ToString(CultureInfo.InvariantCulture) ?? "-",
                change.ToVersion?.ToString(CultureInfo.InvariantCulture) ?? "-", Markup.Escape(change.ChangedBy ?? "-"));
        AnsiConsole.Write(history);
        return ExitCodes.Success;
    }

    /// <summary>One row per registered model: how many versions, the latest, and where each alias points.</summary>
    private static async Task<int> ListModelsAsync(IModelRegistry registry, CancellationToken cancellationToken)
    {
        var names = await registry.ModelNamesAsync(cancellationToken);
        if (names.Count == 0)
        {
            AnsiConsole.MarkupLine("No model is registered yet; register a tracked run's model with `mlops models register --run ID --name NAME`.");
            return ExitCodes.Success;
        }
        var table = new Table().AddColumns("model", "versions", "latest", "aliases", "registered");
        foreach (var name in names)
        {
            var versions = await registry.VersionsAsync(name, cancellationToken);
            table.AddRow(Markup.Escape(name), versions.Count.ToString(CultureInfo.InvariantCulture), versions[0].Version.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", versions.SelectMany(v => v.Aliases.Select(a => $"{a} -> {v.Version}")).Order(StringComparer.Ordinal))),
                When(versions[0].CreatedAt));
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("A model's versions and alias history: `mlops models list --name NAME`.");
        return ExitCodes.Success;
    }

    private static string When(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
