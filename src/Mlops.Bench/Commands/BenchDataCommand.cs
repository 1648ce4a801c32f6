using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using MathNet.Numerics.Statistics;
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
/// both inside the command and for the whole process. With <c>--s3</c>, push and pull of the many files to an S3-compatible
/// server against <c>aws s3 sync</c> on the same server.
/// </summary>
public sealed class BenchDataCommand : AsyncCommand<BenchDataCommand.Settings>
{
    /// <summary>Options of <c>mlops bench data</c>.</summary>
    public sealed class Settings : JsonResultSettings
    {
        [CommandOption("--large-mib <N>"), Description("Size of the one large file."), DefaultValue(1024)] public int LargeMib { get; init; } = 1024;
        [CommandOption("--files <N>"), Description("How many small files (4 KiB each)."), DefaultValue(10_000)] public int Files { get; init; } = 10_000;
        [CommandOption("--repeats <N>"), DefaultValue(3)] public int Repeats { get; init; } = 3;

        [CommandOption("--s3 <URL>"), Description("Also push and pull the small files to this S3-compatible server taking any keys, against aws s3 sync. s3rver 3.7 on Node 17+ lists past 1,000 keys only with Node's legacy OpenSSL provider (NODE_OPTIONS, as .ci/s3rver.sh starts it).")]
        public string? S3 { get; init; }

        [CommandOption("--bucket <NAME>"), Description("The bucket for --s3, created when missing; the run writes under a prefix of its own, deleted after."), DefaultValue("mlops-bench")]
        public string Bucket { get; init; } = "mlops-bench";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (self, prefix) = ChildProcess.Self();
        // The server is asked first, so that a wrong --s3 fails before the hashing, not after.
        if (settings.S3 is { } server) await BenchBucket.EnsureAsync(server, settings.Bucket, cancellationToken);
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
            // md5sum starts in a millisecond, mlops (.NET) in ~0.15 s: both are shown, the hashing and the whole process.
            Task<JsonObject> HashAsync(string name, string op, string path, string anchor, double goal) => CompareAsync(table, settings.Repeats, name, "data-" + op, "md5sum", goal,
                _ => Measurement.RunAsync(self, [.. prefix, "bench", "data-run", "--op", op, "--path", path], cancellationToken),
                _ => Measurement.RunPlainAsync("bash", ["-c", anchor], cancellationToken));
            results.Add(await HashAsync($"1 file, {settings.LargeMib:N0} MiB", "hash-file", large, $"md5sum '{large}' > /dev/null", 0.9));
            results.Add(await HashAsync($"{settings.Files:N0} files, 4 KiB each", "hash-tree", small, $"find '{small}' -type f -print0 | xargs -0 md5sum > /dev/null", 1.5));
            AnsiConsole.Write(table);

            var repository = await DvcRepository.InitAsync(project, cancellationToken);
            await new DataWorkspace(repository).AddAsync(small, cancellationToken);
            var status = new List<Measurement>();
            for (var i = 0; i < settings.Repeats; i++)
                status.Add(await Measurement.RunAsync(self, [.. prefix, "bench", "data-run", "--op", "status", "--path", project], cancellationToken));
            var inside = status.Select(m => m.Json["seconds"]!.GetValue<double>()).Median();
            var whole = status.Select(m => m.WallSeconds).Median();
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
            if (settings.S3 is { } endpoint) await CompareS3Async(settings, endpoint, work.FullName, project, results, cancellationToken);
            else AnsiConsole.MarkupLine("S3 push and pull skipped: pass --s3 http://HOST:PORT (an S3-compatible server such as s3rver) to compare them with aws s3 sync.");
            await settings.WriteJsonAsync(results, cancellationToken);
            return ExitCodes.Success;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Push and pull of the small files, mlops (the remote set up as the CLI does it) against <c>aws s3 sync</c>: each tool and each repeat in a prefix
    /// of its own under this run's, so that only the second push finds its objects there already.
    /// </summary>
    private static async Task CompareS3Async(Settings settings, string endpoint, string work, string project, JsonArray results, CancellationToken cancellationToken)
    {
        var (self, prefix) = ChildProcess.Self();
        var run = $"bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
        string Url(string tool, int repeat) => $"s3://{settings.Bucket}/{run}/{tool}-{repeat}";
        try
        {
            // mlops data remote add -d bench URL; mlops data remote modify bench endpointurl|region ...; the keys with --local.
            var repository = DvcRepository.Find(project);
            await DvcRemotes.AddAsync(repository, "bench", Url("mlops", 0), makeDefault: true, cancellationToken);
            await DvcRemotes.ModifyAsync(repository, "bench", "endpointurl", endpoint, local: false, cancellationToken);
            await DvcRemotes.ModifyAsync(repository, "bench", "region", BenchBucket.Region, local: false, cancellationToken);
            await DvcRemotes.ModifyAsync(repository, "bench", "access_key_id", BenchBucket.Key, local: true, cancellationToken);
            await DvcRemotes.ModifyAsync(repository, "bench", "secret_access_key", BenchBucket.Key, local: true, cancellationToken);
            async Task<Measurement> MlopsAsync(string op, int repeat)
            {
                await DvcRemotes.ModifyAsync(repository, "bench", "url", Url("mlops", repeat), local: false, cancellationToken);
                // A pull runs in a fresh clone, made once the url is set: it pulls what this repeat pushed.
                var folder = op == "pull" ? Clone(project, Path.Combine(work, $"mlops-pull-{repeat}")) : project;
                return await Measurement.RunAsync(self, [.. prefix, "bench", "data-run", "--op", op, "--path", folder], cancellationToken);
            }
            Task<Measurement> SyncAsync(string from, string to) =>
                Measurement.RunPlainAsync("env", BenchBucket.Sync(endpoint, from, to), cancellationToken);

            var small = Path.Combine(project, "small") + "/";
            var table = new Table().Title($"mlops data push and pull of {settings.Files:N0} files (4 KiB each) to S3 at {endpoint}, against aws s3 sync on the same server")
                .AddColumns("work", "mlops s in command", "mlops s with start", "aws s", "speed-up in command", "with start", "goal", "mlops peak RSS MB", "aws peak RSS MB");
            results.Add(await CompareAsync(table, settings.Repeats, "push into an empty prefix", "data-s3-push", "aws", 1.0,
                i => MlopsAsync("push", i), i => SyncAsync(small, Url("aws", i) + "/")));
            results.Add(await CompareAsync(table, settings.Repeats, "push again, all there", "data-s3-push-again", "aws", 1.0,
                i => MlopsAsync("push", i), i => SyncAsync(small, Url("aws", i) + "/")));
            results.Add(await CompareAsync(table, settings.Repeats, "pull into an empty cache and folder", "data-s3-pull", "aws", 1.0,
                i => MlopsAsync("pull", i), i => SyncAsync(Url("aws", i) + "/", Path.Combine(work, $"aws-pull-{i}"))));
            AnsiConsole.Write(table);
        }
        finally
        {
            // A failed cleanup is one line, and does not hide why the benchmark failed.
            try
            {
                await BenchBucket.DeleteAsync(endpoint, settings.Bucket, run + "/", CancellationToken.None);
            }
            catch (Exception e) when (e is HttpRequestException or AmazonServiceException or AmazonClientException)
            {
                AnsiConsole.MarkupLineInterpolated($"Could not delete s3://{settings.Bucket}/{run}/ after the benchmark: {e.Message}");
            }
        }
    }

    /// <summary>
    /// Runs both sides <paramref name="repeats"/> times, alternated, and adds their medians as a row of <paramref name="table"/>; returns the row as JSON,
    /// the other side's keys named after <paramref name="anchor"/>.
    /// </summary>
    private static async Task<JsonObject> CompareAsync(Table table, int repeats, string name, string benchmark, string anchor, double goal,
        Func<int, Task<Measurement>> runOurs, Func<int, Task<Measurement>> runTheirs)
    {
        var ours = new List<Measurement>();
        var theirs = new List<Measurement>();
        for (var i = 0; i < repeats; i++)
        {
            ours.Add(await runOurs(i));
            theirs.Add(await runTheirs(i));
        }
        var (inside, mine, other) = (ours.Select(m => m.Json["seconds"]!.GetValue<double>()).Median(), ours.Select(m => m.WallSeconds).Median(),
            theirs.Select(m => m.WallSeconds).Median());
        table.AddRow(name, F(inside), F(mine), F(other), $"{other / inside:F2}x", $"{other / mine:F2}x", $">= {goal:F1}x",
            $"{ours.Max(m => m.PeakRssMb):F0}", $"{theirs.Max(m => m.PeakRssMb):F0}");
        return new JsonObject
        {
            ["benchmark"] = benchmark,
            ["mlops_command_s"] = inside,
            ["mlops_s"] = mine,
            [anchor + "_s"] = other,
            ["speedup"] = other / inside,
            ["speedup_with_start"] = other / mine,
            ["mlops_peak_rss_mb"] = ours.Max(m => m.PeakRssMb),
            [anchor + "_peak_rss_mb"] = theirs.Max(m => m.PeakRssMb)
        };
    }

    /// <summary>A fresh clone of the benchmark's project in <paramref name="clone"/>: its .dvc file, .gitignore files and .dvc/config (and config.local, the keys); no cache, no data.</summary>
    private static string Clone(string project, string clone)
    {
        foreach (var file in new[] { "small.dvc", ".gitignore", ".dvc/.gitignore", ".dvc/config", ".dvc/config.local" })
        {
            var target = Path.Combine(clone, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(project, file), target);
        }
        return clone;
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
