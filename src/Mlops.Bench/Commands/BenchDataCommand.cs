using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using Mlops.Bench.Benchmarks;
using Mlops.Core;
using Mlops.Core.Processes;
using Mlops.Versioning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench data</c>: hashing for <c>mlops data</c> against <c>md5sum</c> on the same files in one run (one large
/// file; many small ones, where the parallel pool counts), and <c>mlops data status</c> on the many files unchanged.
/// Every side runs as its own process after a warm-up read, so all hash from the page cache; medians of the repeats,
/// both inside the command and for the whole process.
/// </summary>
public sealed class BenchDataCommand : AsyncCommand<BenchDataCommand.Settings>
{
    /// <summary>Options of <c>mlops bench data</c>.</summary>
    public sealed class Settings : JsonResultSettings
    {
        [CommandOption("--large-mib <N>"), Description("Size of the one large file."), DefaultValue(1024)] public int LargeMib { get; init; } = 1024;
        [CommandOption("--files <N>"), Description("How many small files (4 KiB each)."), DefaultValue(10_000)] public int Files { get; init; } = 10_000;
        [CommandOption("--repeats <N>"), DefaultValue(3)] public int Repeats { get; init; } = 3;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (self, prefix) = ChildProcess.Self();
        var work = Directory.CreateTempSubdirectory("mlops-bench-data-");
        try
        {
            var large = Path.Combine(work.FullName, "large.bin");
            var project = Directory.CreateDirectory(Path.Combine(work.FullName, "project")).FullName;
            var small = Directory.CreateDirectory(Path.Combine(project, "small")).FullName;
            await WriteDataAsync(large, small, settings, cancellationToken);
            await ChildProcess.RunAsync("bash", ["-c", $"cat '{large}' > /dev/null; find '{small}' -type f -print0 | xargs -0 cat > /dev/null"], cancellationToken);

            var table = new Table().Title("Hashing (MD5) for mlops data, against md5sum on the same files, page cache warm")
                .AddColumns("work", "mlops s in command", "mlops s with start", "md5sum s", "speed-up in command", "with start", "goal", "mlops peak RSS MB", "md5sum peak RSS MB");
            var results = new JsonArray();
            async Task CompareAsync(string name, string op, string path, string anchor, double goal)
            {
                var ours = new List<Measurement>();
                var theirs = new List<Measurement>();
                for (var i = 0; i < settings.Repeats; i++)
                {
                    ours.Add(await Measurement.RunAsync(self, [.. prefix, "bench", "data-run", "--op", op, "--path", path], cancellationToken));
                    theirs.Add(await Measurement.RunPlainAsync("bash", ["-c", anchor], cancellationToken));
                }
                // md5sum starts in a millisecond, mlops (.NET) in ~0.15 s: both are shown, the hashing and the whole process.
                var (inside, mine, md5sum) = (Statistics.Median(ours.Select(m => m.Json["seconds"]!.GetValue<double>())), Statistics.Median(ours.Select(m => m.WallSeconds)),
                    Statistics.Median(theirs.Select(m => m.WallSeconds)));
                table.AddRow(name, F(inside), F(mine), F(md5sum), $"{md5sum / inside:F2}x", $"{md5sum / mine:F2}x", $">= {goal:F1}x",
                    $"{ours.Max(m => m.PeakRssMb):F0}", $"{theirs.Max(m => m.PeakRssMb):F0}");
                results.Add(new JsonObject
                {
                    ["benchmark"] = "data-" + op,
                    ["mlops_command_s"] = inside,
                    ["mlops_s"] = mine,
                    ["md5sum_s"] = md5sum,
                    ["speedup"] = md5sum / inside,
                    ["speedup_with_start"] = md5sum / mine,
                    ["mlops_peak_rss_mb"] = ours.Max(m => m.PeakRssMb),
                    ["md5sum_peak_rss_mb"] = theirs.Max(m => m.PeakRssMb)
                });
            }
            await CompareAsync($"1 file, {settings.LargeMib:N0} MiB", "hash-file", large, $"md5sum '{large}' > /dev/null", 0.9);
            await CompareAsync($"{settings.Files:N0} files, 4 KiB each", "hash-tree", small, $"find '{small}' -type f -print0 | xargs -0 md5sum > /dev/null", 1.5);
            AnsiConsole.Write(table);

            var repository = await DvcRepository.InitAsync(project, cancellationToken);
            await new DataWorkspace(repository).AddAsync(small, cancellationToken);
            var status = new List<Measurement>();
            for (var i = 0; i < settings.Repeats; i++)
                status.Add(await Measurement.RunAsync(self, [.. prefix, "bench", "data-run", "--op", "status", "--path", project], cancellationToken));
            var inside = Statistics.Median(status.Select(m => m.Json["seconds"]!.GetValue<double>()));
            var whole = Statistics.Median(status.Select(m => m.WallSeconds));
            AnsiConsole.MarkupLine($"mlops data status on {settings.Files:N0} unchanged files: {F(inside)} s inside the command, {F(whole)} s with process start " +
                                   $"(goal: under 0.5 s), peak RSS {status.Max(m => m.PeakRssMb):F0} MB.");
            results.Add(new JsonObject
            {
                ["benchmark"] = "data-status",
                ["files"] = settings.Files,
                ["command_s"] = inside,
                ["process_s"] = whole,
                ["peak_rss_mb"] = status.Max(m => m.PeakRssMb)
            });
            await settings.WriteJsonAsync(results, cancellationToken);
            return ExitCodes.Success;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task WriteDataAsync(string large, string small, Settings settings, CancellationToken cancellationToken)
    {
        var random = new Random(11);
        var block = new byte[1 << 20];
        await using (var stream = File.Create(large))
            for (var i = 0; i < settings.LargeMib; i++)
            {
                random.NextBytes(block);
                await stream.WriteAsync(block, cancellationToken);
            }
        var bytes = new byte[4096];
        for (var i = 0; i < settings.Files; i++)
        {
            random.NextBytes(bytes);
            var folder = Directory.CreateDirectory(Path.Combine(small, (i % 100).ToString("D2", CultureInfo.InvariantCulture))).FullName;
            await File.WriteAllBytesAsync(Path.Combine(folder, $"{i}.bin"), bytes, cancellationToken);
        }
    }

    private static string F(double seconds) => seconds.ToString("F3", CultureInfo.InvariantCulture);
}
