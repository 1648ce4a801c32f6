using Mlops.Versioning;
using Spectre.Console;

namespace Mlops.Cli;

/// <summary>
/// Shows the long steps of <c>mlops data</c> (caching, pushing, fetching, verifying) as Spectre.Console progress bars,
/// one per step, on an interactive terminal; elsewhere the commands' summary lines say what was done.
/// </summary>
public sealed class DataProgressBars(IAnsiConsole console) : IProgress<DataProgress>, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
    private ProgressContext? _context;
    private LiveDisplay.BackgroundProgress? _display;

    public void Report(DataProgress value)
    {
        if (!console.Profile.Capabilities.Interactive || value.Total == 0) return;
        lock (_gate)
        {
            _display ??= LiveDisplay.StartProgress(console.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn()), context => _context = context);
            if (!_tasks.TryGetValue(value.Phase, out var task))
                _tasks[value.Phase] = task = _context!.AddTask(Markup.Escape(value.Phase), maxValue: value.Total);
            task.Value = Math.Max(task.Value, value.Done);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _display?.Stop();
            _display = null;
        }
    }
}
