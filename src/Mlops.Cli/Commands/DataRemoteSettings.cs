using System.ComponentModel;
using Mlops.Versioning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary>The <c>--remote</c> option of the <c>mlops data</c> commands that use a remote, and running one with that remote.</summary>
public class DataRemoteSettings : CommandSettings
{
    [CommandOption("-r|--remote <NAME>"), Description("The remote to use (default: core.remote in .dvc/config).")]
    public string? Remote { get; init; }

    [CommandOption("-j|--jobs <N>"), Description("Transfers at a time (default: four per core, as DVC).")]
    public int Jobs { get; init; }

    public override ValidationResult Validate() => Jobs < 0 ? ValidationResult.Error("--jobs takes a positive number (or 0 for four per core).") : ValidationResult.Success();

    /// <summary>The remote named by <c>--remote</c> or the default one, in <paramref name="repository"/>.</summary>
    public Task<IDvcRemote> OpenRemoteAsync(DvcRepository repository, CancellationToken cancellationToken) =>
        DvcRemotes.OpenAsync(repository, Remote, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> on the project around the current folder, its workspace and the remote, with
    /// progress bars that are gone before the caller prints its summary.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<DvcRepository, DataWorkspace, IDvcRemote, Task<T>> work, CancellationToken cancellationToken)
    {
        var repository = DvcRepository.Find(Directory.GetCurrentDirectory());
        var remote = await OpenRemoteAsync(repository, cancellationToken);
        using var bars = new DataProgressBars(AnsiConsole.Console);
        return await work(repository, new DataWorkspace(repository, FaultInjection.Wrap(bars), Jobs), remote);
    }
}
