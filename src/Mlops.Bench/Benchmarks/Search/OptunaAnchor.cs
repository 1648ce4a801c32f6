using System.ComponentModel;
using Mlops.Core.Processes;

namespace Mlops.Bench.Benchmarks.Search;

/// <summary>Where the search benchmarks' anchor runs: a Python with Debian's Optuna 3.1 (<c>python3-optuna</c>).</summary>
public static class OptunaAnchor
{
    public const string DefaultPython = "/usr/bin/python3";

    public const string Missing = "Anchor skipped: python3 with Optuna is not installed (apt-get install -y python3-optuna).";

    public static async Task<bool> IsInstalledAsync(string python, CancellationToken cancellationToken)
    {
        try
        {
            return (await ChildProcess.RunAsync(python, ["-c", "import optuna"], cancellationToken)).ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }
}
