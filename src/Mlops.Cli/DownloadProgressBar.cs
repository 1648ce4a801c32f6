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
    private TaskCompletionSource? _done;
    private ProgressTask? _task;
    private Task? _render;

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
        var ready = new TaskCompletionSource<ProgressTask>();
        var done = _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _render = Task.Run(() => console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async context =>
            {
                ready.SetResult(context.AddTask(Markup.Escape(file)));
                await done.Task;
            }));
        // If rendering fails before it is ready (another live display is active), surface that error instead of waiting forever.
        Task.WaitAny(ready.Task, _render);
        if (_render.IsFaulted)
        {
            var failed = _render;
            _render = null;
            failed.GetAwaiter().GetResult();
        }
        return ready.Task.Result;
    }

    private void Finish()
    {
        _done?.TrySetResult();
        _render?.GetAwaiter().GetResult();
        (_done, _task, _render) = (null, null, null);
    }

    public void Dispose()
    {
        lock (_gate) Finish();
    }
}
