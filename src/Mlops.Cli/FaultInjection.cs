using System.Globalization;
using Mlops.Versioning;

namespace Mlops.Cli;

/// <summary>
/// Crash testing for <c>mlops data</c>: with <c>MLOPS_TEST_KILL_AFTER=N</c> in its environment the process kills itself
/// (SIGKILL, no cleanup) once N objects are done (counted across the steps of a command: a pull's fetch, then its
/// checkout), while the others are in flight, so a test can check that
/// a transfer killed at any point leaves nothing partial behind. A watcher outside cannot pick such a point reliably on
/// a loaded machine. Without the variable this is the progress display itself.
/// </summary>
public static class FaultInjection
{
    public const string Variable = "MLOPS_TEST_KILL_AFTER";

    public static IProgress<DataProgress> Wrap(IProgress<DataProgress> progress) =>
        int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.None, CultureInfo.InvariantCulture, out var after)
            ? new Progress(progress, after)
            : progress;

    private sealed class Progress(IProgress<DataProgress> inner, int after) : IProgress<DataProgress>
    {
        private int _done;

        public void Report(DataProgress value)
        {
            if (value.Done > 0 && Interlocked.Increment(ref _done) >= after) System.Diagnostics.Process.GetCurrentProcess().Kill();
            inner.Report(value);
        }
    }
}
