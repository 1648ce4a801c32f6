using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using Mlops.Bench.Benchmarks.Tables;
using Mlops.Core;
using Mlops.Core.Processes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench table</c>: a user's large table (a generated, seeded CSV of a million rows by default, see
/// <see cref="GeneratedTable"/>) loaded through <c>data=table</c>, checked by <c>mlops data check</c> as a user runs it,
/// and tokenized as training does, each phase a process of its own: rows/s, seconds and peak RSS against the bar of
/// 1 GB. Then the same table with a ragged row near its end: <c>mlops data check</c> must name its file and line and exit
/// 3 (<see cref="MalformedRowCheck"/>). With python3 and pandas installed, <c>pandas.read_csv</c> of the file as an anchor.
/// </summary>
public sealed class BenchTableCommand : AsyncCommand<BenchTableCommand.Settings>
{
    private const double RssBarMb = 1000;

    /// <summary>Options of <c>mlops bench table</c>.</summary>
    public sealed class Settings : JsonResultSettings
    {
        [CommandOption("--rows <N>"), Description("Rows of the generated CSV."), DefaultValue(1_000_000)] public int Rows { get; init; } = 1_000_000;
        [CommandOption("--seed <N>"), Description("Seeds the generated text, labels and splits."), DefaultValue(7)] public int Seed { get; init; } = 7;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Rows < 100) throw new MlopsException($"--rows {settings.Rows}: the benchmark needs at least 100 rows.", "Pass --rows 100 or more.", ExitCodes.UserError);
        var (self, prefix) = ChildProcess.Self();
        var work = Directory.CreateTempSubdirectory("mlops-bench-table-");
        try
        {
            var table = await GeneratedTable.WriteAsync(Path.Combine(work.FullName, "table.csv"), settings.Rows, settings.Seed, null, cancellationToken);
            var ragged = await GeneratedTable.WriteAsync(Path.Combine(work.FullName, "ragged.csv"), settings.Rows, settings.Seed, settings.Rows - 10, cancellationToken);
            AnsiConsole.MarkupLineInterpolated($"Generated {table}, and the same with row {ragged.RaggedRow:N0} (line {ragged.RaggedLine:N0}) ragged.");

            Task<Measurement> PhaseAsync(string phase) => Measurement.RunAsync(self, [.. prefix, "bench", "table-run", "--phase", phase, "--path", table.Path], cancellationToken);
            var load = await PhaseAsync("load");
            var check = await Measurement.RunPlainAsync(self, [.. prefix, "data", "check", .. table.Overrides, "--json"], cancellationToken);
            var tokenize = await PhaseAsync("tokenize");
            var malformed = await MalformedRowCheck.RunAsync(self, prefix, ragged, cancellationToken);
            var pandas = await PandasAsync(table, cancellationToken);

            var drawn = new Table().Title($"{Markup.Escape(table.ToString())}: each phase a process of its own (bar: peak RSS under {RssBarMb:F0} MB)")
                .AddColumns("phase", "rows/s", "seconds in phase", "process wall s", "peak RSS MB", "under bar");
            var results = new JsonArray();
            void Add(string name, string benchmark, Measurement measured, double? inside)
            {
                var seconds = inside ?? measured.WallSeconds;
                drawn.AddRow(name, $"{table.Rows / seconds:N0}", inside is { } s ? F(s) : "", F(measured.WallSeconds), $"{measured.PeakRssMb:F0}",
                    measured.PeakRssMb < RssBarMb ? "yes" : "[red]no[/]");
                results.Add(new JsonObject
                {
                    ["benchmark"] = benchmark,
                    ["rows"] = table.Rows,
                    ["file_mb"] = table.Bytes / 1e6,
                    ["rows_per_s"] = table.Rows / seconds,
                    ["seconds"] = inside,
                    ["wall_s"] = measured.WallSeconds,
                    ["peak_rss_mb"] = measured.PeakRssMb,
                });
            }
            Add("load (data=table)", "table-load", load, Seconds(load, "seconds"));
            Add("mlops data check", "table-check", check, null);
            Add("load + tokenize (max_length 128)", "table-tokenize", tokenize, Seconds(tokenize, "seconds"));
            if (pandas is not null) Add("anchor: pandas.read_csv", "table-pandas", pandas, Seconds(pandas, "seconds"));
            drawn.AddRow($"ragged row {ragged.RaggedRow:N0}: mlops data check", "", "", F(malformed.Seconds), $"{malformed.PeakRssMb:F0}", "exit 3, named");
            results.Add(new JsonObject
            {
                ["benchmark"] = "table-ragged-row",
                ["row"] = ragged.RaggedRow,
                ["line"] = ragged.RaggedLine,
                ["seconds_to_error"] = malformed.Seconds,
                ["peak_rss_mb"] = malformed.PeakRssMb,
                ["message"] = malformed.Message,
            });
            AnsiConsole.Write(drawn);
            AnsiConsole.MarkupLineInterpolated($"The ragged row's error: {malformed.Message}");
            if (pandas is null) AnsiConsole.MarkupLine("Anchor skipped: python3 with pandas is not installed (apt-get install -y python3-pandas).");
            await settings.WriteJsonAsync(results, cancellationToken);
            return ExitCodes.Success;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary><c>pandas.read_csv</c> of the same file, timed inside python; null when python3 or pandas is missing.</summary>
    private static async Task<Measurement?> PandasAsync(GeneratedTable table, CancellationToken cancellationToken)
    {
        try
        {
            if ((await ChildProcess.RunAsync("python3", ["-c", "import pandas"], cancellationToken)).ExitCode != 0) return null;
        }
        catch (Win32Exception)
        {
            return null;
        }
        const string Script = "import json, sys, time, pandas; t = time.perf_counter(); frame = pandas.read_csv(sys.argv[1]); " +
                              "print(json.dumps({'rows': len(frame), 'seconds': time.perf_counter() - t}))";
        return await Measurement.RunAsync("python3", ["-c", Script, table.Path], cancellationToken);
    }

    private static double Seconds(Measurement measured, string key) => measured.Json[key]!.GetValue<double>();

    private static string F(double seconds) => seconds.ToString("F2", CultureInfo.InvariantCulture);
}
