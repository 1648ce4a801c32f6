using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Mlops.Core;
using Mlops.Versioning;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary><c>mlops bench data-run</c> (used by <c>bench data</c>): one hashing, status, push or pull operation, timed, as one JSON line.</summary>
public sealed class BenchDataRunCommand : AsyncCommand<BenchDataRunCommand.Settings>
{
    /// <summary>Options of <c>mlops bench data-run</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--op <OP>"), Description("hash-file, hash-tree, status, or push or pull with the project's default remote.")] public string Op { get; init; } = "";
        [CommandOption("--path <PATH>")] public string Path { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var result = settings.Op switch
        {
            "hash-file" => Md5.OfFile(settings.Path, dos2unix: false, cancellationToken),
            "hash-tree" => FolderHasher.Manifest(settings.Path, file => Md5.OfFile(file, dos2unix: false, cancellationToken), cancellationToken).Hash,
            "status" => $"{(await new DataWorkspace(DvcRepository.Find(settings.Path)).StatusAsync(cancellationToken)).Count} changes",
            "push" => await PushAsync(settings.Path, cancellationToken),
            "pull" => await PullAsync(settings.Path, cancellationToken),
            _ => throw new MlopsException($"--op '{settings.Op}' is not hash-file, hash-tree, status, push or pull.", null, ExitCodes.UserError),
        };
        Console.WriteLine(JsonSerializer.Serialize(new { op = settings.Op, seconds = Math.Round(clock.Elapsed.TotalSeconds, 4), result }));
        return ExitCodes.Success;
    }

    /// <summary><c>mlops data push</c> in <paramref name="path"/>: the workspace and its default remote opened as the CLI opens them.</summary>
    private static async Task<string> PushAsync(string path, CancellationToken cancellationToken)
    {
        var (workspace, remote) = await OpenAsync(path, cancellationToken);
        var (sent, present) = await workspace.PushAsync(remote, DataScope.Workspace, cancellationToken);
        return $"{sent} sent, {present} there already";
    }

    /// <summary><c>mlops data pull</c> in <paramref name="path"/>.</summary>
    private static async Task<string> PullAsync(string path, CancellationToken cancellationToken)
    {
        var (workspace, remote) = await OpenAsync(path, cancellationToken);
        var (fetched, written) = await workspace.PullAsync(remote, DataScope.Workspace, cancellationToken);
        return $"{fetched} fetched, {written} checked out";
    }

    private static async Task<(DataWorkspace Workspace, IDvcRemote Remote)> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var repository = DvcRepository.Find(path);
        return (new DataWorkspace(repository), await DvcRemotes.OpenAsync(repository, null, cancellationToken));
    }
}
