using System.Diagnostics;
using Spectre.Console;

namespace Mlops.Cli.Demo;

/// <summary>
/// What <c>mlops demo</c> prints: a spinner naming the running step (a line per step where the output is not a
/// terminal), a line per finished step with its time, peak memory and result, and at the end the table of all steps.
/// </summary>
public sealed class DemoNarrator(IAnsiConsole console, int steps)
{
    private readonly List<DemoStepResult> _results = [];

    public IReadOnlyList<DemoStepResult> Results => _results;

    /// <summary>Runs <paramref name="work"/> as step <paramref name="number"/>; its outcome (one line) is narrated when it ends.</summary>
    public async Task StepAsync(int number, string name, string doing, Func<DemoStep, Task<string>> work)
    {
        var step = new DemoStep(number, steps, name);
        var title = $"[{number}/{steps}] {doing}";
        var clock = Stopwatch.StartNew();
        string outcome;
        if (console.Profile.Capabilities.Interactive)
            outcome = await console.Status().StartAsync(Markup.Escape(title), _ => work(step));
        else
        {
            console.WriteLine(title + " ...");
            outcome = await work(step);
        }
        var result = new DemoStepResult(number, name, clock.Elapsed, step.PeakRssMb, outcome);
        _results.Add(result);
        console.MarkupLine($"[green]✓[/] [bold]{number}/{steps} {Markup.Escape(name)}[/] [grey]{Seconds(result.Elapsed)}, {Megabytes(result.PeakRssMb)}[/] {Markup.Escape(outcome)}");
        foreach (var note in step.Notes) console.MarkupLine($"    [grey]{Markup.Escape(note)}[/]");
    }

    /// <summary>Every step's time and peak memory, and the total.</summary>
    public void WriteSummary()
    {
        var table = new Table().AddColumns("step", "time", "peak RSS", "result");
        table.Columns[1].RightAligned();
        table.Columns[2].RightAligned();
        foreach (var r in _results)
            table.AddRow($"{r.Number} {Markup.Escape(r.Name)}", Seconds(r.Elapsed), Megabytes(r.PeakRssMb), Markup.Escape(r.Outcome));
        table.AddRow("[bold]total[/]", $"[bold]{Seconds(Total)}[/]", Megabytes(_results.Select(r => r.PeakRssMb).DefaultIfEmpty().Max()), "");
        console.Write(table);
    }

    public TimeSpan Total => TimeSpan.FromTicks(_results.Sum(r => r.Elapsed.Ticks));

    private static string Seconds(TimeSpan elapsed) => $"{elapsed.TotalSeconds:0.0} s";

    private static string Megabytes(double mb) => $"{mb:0} MB";
}
