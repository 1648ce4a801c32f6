using Mlops.Config.Hosting;
using Mlops.Runs.Search;

namespace Mlops.Runs.Multirun;

/// <summary>The schema of a host whose commands can sweep: besides the program's own section, the <c>launcher</c> that runs the jobs and the <c>sweeper</c> that picks them.</summary>
public interface IMultirunHostConfig : IHostConfig
{
    LauncherSpec Launcher { get; }
    SweeperSpec Sweeper { get; }
}
