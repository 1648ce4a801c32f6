using Spectre.Console;
using Spectre.Console.Rendering;

namespace Mlops.Cli;

/// <summary>
/// The one way this program starts a live Spectre.Console display that work updates while it runs: a live
/// renderable (the multirun table) around awaited work, or a progress display (training, downloads) started on
/// a background task that callers update and later stop. Only one live display can run at a time; if starting
/// one fails (another is active) the error surfaces instead of a wait that never ends.
/// </summary>
public static class LiveDisplay
{
    /// <summary>Shows <paramref name="target"/> live while <paramref name="work"/> runs; work calls the refresh action after changing it.</summary>
    public static Task<T> RunAsync<T>(IAnsiConsole console, IRenderable target, Func<Action, Task<T>> work) =>
        console.Live(target).StartAsync(live => work(live.Refresh));

    /// <summary>Starts a progress display in the background and returns once <paramref name="setup"/> has added its tasks.</summary>
    public static BackgroundProgress StartProgress(Progress progress, Action<ProgressContext> setup)
    {
        var ready = new TaskCompletionSource();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var render = Task.Run(() => progress.StartAsync(async context =>
        {
            setup(context);
            ready.SetResult();
            await done.Task;
        }));
        Task.WaitAny(ready.Task, render);
        if (render.IsFaulted) render.GetAwaiter().GetResult();
        return new BackgroundProgress(done, render);
    }

    /// <summary>A running progress display; <see cref="Stop"/> ends it and waits for its last frame.</summary>
    public sealed class BackgroundProgress(TaskCompletionSource done, Task render)
    {
        public void Stop()
        {
            done.TrySetResult();
            render.GetAwaiter().GetResult();
        }
    }
}
