using System.ComponentModel;
using Mlops.Core;
using Mlops.Versioning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops data add PATH...</c>: tracks files and folders: objects into the cache, a <c>PATH.dvc</c> file to commit, the path git-ignored.</summary>
public sealed class DataAddCommand : AsyncCommand<DataAddCommand.Settings>
{
    /// <summary>Options of <c>mlops data add</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<PATH>"), Description("Files or folders to track, inside the project.")]
        public string[] Paths { get; init; } = [];
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var workspace = new DataWorkspace(DvcRepository.Find(Directory.GetCurrentDirectory()));
        foreach (var path in settings.Paths)
        {
            var file = await workspace.AddAsync(path, cancellationToken);
            var output = file.Outs[0];
            AnsiConsole.MarkupLineInterpolated(
                $"Tracked {path}: {output.Md5}, {ByteSize.Describe(output.Size)}{(output.NFiles is { } n ? $" in {n} files" : "")}. Commit {Path.GetRelativePath(Directory.GetCurrentDirectory(), file.FilePath)} and its .gitignore.");
        }
        return ExitCodes.Success;
    }
}
