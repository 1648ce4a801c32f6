using Mlops.Data.Hub;
using Spectre.Console;

namespace Mlops.Cli;

/// <summary>
/// Shows each hub download as a Spectre.Console progress bar (bytes and speed) on an interactive terminal,
/// and one line per finished file otherwise. A bar lives only while its file downloads, so it never overlaps
/// the training progress display; a run that finds everything cached prints nothing.
/// </summary>
public sealed class DownloadProgressBar(IAnsiConsole console) : IProgress<DownloadProgress>, IDisposable
{
    private readonly Lock _gate = new();
    private LiveDisplay.BackgroundProgress? _display;
    private ProgressTask? _task;

    public void Report(DownloadProgress value)
    {
        var finished = value.BytesTotal is { } size && value.BytesDone >= size;
        if (!console.Profile.Capabilities.Interactive)
        {
            if (finished) console.MarkupLine(Markup.Escape($"downloaded {value.File} ({value.BytesDone / 1024.0 / 1024.0:F1} MB)"));
            return;
        }
        lock (_gate)
        {
            _task ??= Start(value.File);
            _task.MaxValue = value.BytesTotal ?? Math.Max(1, value.BytesDone);
            _task.Value = value.BytesDone;
            if (finished) Finish();
        }
    }

    private ProgressTask Start(string file)
    {
        ProgressTask? task = null;
        _display = LiveDisplay.StartProgress(console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn()),
            context => task = context.AddTask(Markup.Escape(file)));
        return task!;
    }

    private void Finish()
    {
        _display?.Stop();
        (_display, _task) = (null, null);
    }

    public void Dispose()
    {
        lock (_gate) Finish();
    }
}
