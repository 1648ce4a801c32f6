using Mlops.Config.Hosting;

namespace Mlops.Runs.Multirun;

/// <summary>The schema of a host whose commands can sweep: besides the program's own section, the <c>launcher</c> that runs the jobs.</summary>
public interface IMultirunHostConfig : IHostConfig
{
    LauncherSpec Launcher { get; }
}
