using System.ComponentModel;
using Mlops.Versioning;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary>The optional target of <c>mlops data push</c>, <c>pull</c> and <c>fetch</c>: one tracked path, or one file inside a tracked folder.</summary>
public class DataTargetSettings : DataRemoteSettings
{
    [CommandArgument(0, "[TARGET]"), Description("A tracked path, a .dvc file, or a file inside a tracked folder (default: everything tracked).")]
    public string? Target { get; init; }

    /// <summary>What the command covers in <paramref name="repository"/>.</summary>
    public virtual Task<DataScope> ScopeAsync(DvcRepository repository, CancellationToken cancellationToken) =>
        Task.FromResult(new DataScope(Target: Target));
}
