using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Mlops.Core;
using Mlops.Versioning;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary><c>mlops bench data-run</c> (used by <c>bench data</c>): one hashing or status operation, timed, as one JSON line.</summary>
public sealed class BenchDataRunCommand : AsyncCommand<BenchDataRunCommand.Settings>
{
    /// <summary>Options of <c>mlops bench data-run</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--op <OP>"), Description("hash-file, hash-tree or status.")] public string Op { get; init; } = "";
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
            _ => throw new MlopsException($"--op '{settings.Op}' is not hash-file, hash-tree or status.", null, ExitCodes.UserError),
        };
        Console.WriteLine(JsonSerializer.Serialize(new { op = settings.Op, seconds = Math.Round(clock.Elapsed.TotalSeconds, 4), result }));
        return ExitCodes.Success;
    }
}
