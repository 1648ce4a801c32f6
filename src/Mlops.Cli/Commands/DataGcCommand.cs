using System.ComponentModel;
using Mlops.Core;
using Mlops.Versioning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary>
/// <c>mlops data gc</c>: removes from the cache (and with <c>--cloud</c> from the remote) every object that neither the
/// workspace's <c>.dvc</c> files nor the kept git revisions name, as <c>dvc gc -w</c> with <c>--rev</c>, <c>-a</c>, <c>-T</c>, <c>-A</c>.
/// </summary>
public sealed class DataGcCommand : AsyncCommand<DataGcCommand.Settings>
{
    /// <summary>Options of <c>mlops data gc</c>.</summary>
    public sealed class Settings : DataRemoteSettings
    {
        [CommandOption("--rev <REVISION>"), Description("Also keep what this git revision names (repeatable).")]
        public string[] Revisions { get; init; } = [];

        [CommandOption("--all-branches"), Description("Also keep what the tip of every branch names.")]
        public bool AllBranches { get; init; }

        [CommandOption("--all-tags"), Description("Also keep what every tag names (released model versions).")]
        public bool AllTags { get; init; }

        [CommandOption("--all-commits"), Description("Also keep what any commit names.")]
        public bool AllCommits { get; init; }

        [CommandOption("--cloud"), Description("Remove the same objects from the remote too (-r NAME, or the default).")]
        public bool Cloud { get; init; }

        [CommandOption("--dry-run"), Description("Say what would be removed; remove nothing.")]
        public bool DryRun { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var repository = DvcRepository.Find(Directory.GetCurrentDirectory());
        var revisions = settings.Revisions.Concat(await GitRevision.CommitsAsync(repository, settings.AllBranches, settings.AllTags, settings.AllCommits, cancellationToken))
            .Distinct(StringComparer.Ordinal).ToList();
        IReadOnlyList<DvcFile> keep = [.. await repository.ReadDvcFilesAsync(cancellationToken), .. await GitRevision.DvcFilesAsync(repository, revisions, cancellationToken)];
        var remote = settings.Cloud ? await settings.OpenRemoteAsync(repository, cancellationToken) : null;
        var report = await new DataWorkspace(repository).GcAsync(keep, remote, settings.DryRun, cancellationToken);
        var verb = settings.DryRun ? "Would remove" : "Removed";
        AnsiConsole.MarkupLineInterpolated(
            $"{verb} {report.CacheObjects} object(s), {ByteSize.Describe(report.CacheBytes)}, from the cache and {report.Temporaries} temporary file(s) left by killed transfers; kept what the workspace and {revisions.Count} revision(s) name.");
        if (remote is not null) AnsiConsole.MarkupLineInterpolated($"{verb} {report.RemoteObjects} object(s) from {remote.Describe}.");
        return ExitCodes.Success;
    }
}
