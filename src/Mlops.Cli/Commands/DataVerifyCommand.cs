using System.ComponentModel;
using Mlops.Core;
using Mlops.Versioning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops data verify</c>: re-hashes the cached objects the project names; a corrupt one is reported, or with <c>--repair</c> fetched again from the remote.</summary>
public sealed class DataVerifyCommand : AsyncCommand<DataVerifyCommand.Settings>
{
    /// <summary>Options of <c>mlops data verify</c>.</summary>
    public sealed class Settings : DataRemoteSettings
    {
        [CommandOption("--repair"), Description("Fetch every corrupt object again from the remote (verified on arrival).")]
        public bool Repair { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var repository = DvcRepository.Find(Directory.GetCurrentDirectory());
        var remote = settings.Repair ? await settings.OpenRemoteAsync(repository, cancellationToken) : null;
        IReadOnlyList<DvcObject> corrupt;
        using (var bars = new DataProgressBars(AnsiConsole.Console))
            corrupt = await new DataWorkspace(repository, bars, settings.Jobs).VerifyAsync(remote, cancellationToken);
        foreach (var item in corrupt)
            AnsiConsole.MarkupLine($"{(remote is null ? "[red]corrupt[/]" : "[yellow]repaired[/]")} {Markup.Escape($"{item} ({repository.CachePath(item)})")}");
        if (corrupt.Count == 0) AnsiConsole.MarkupLine("Every cached object matches its hash.");
        else if (remote is null)
        {
            AnsiConsole.MarkupLine("Fetch them again: mlops data verify --repair.");
            return ExitCodes.DataError;
        }
        return ExitCodes.Success;
    }
}
