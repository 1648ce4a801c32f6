using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using MathNet.Numerics.Statistics;
using Mlops.Bench.Benchmarks;
using Mlops.Core;
using Mlops.Core.Processes;
using Mlops.Lambda;
using Spectre.Console;
using Spectre.Console.Cli;
using Mlops.Testing;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench lambda</c>: the serving host as an AWS Lambda function against a local Runtime API: cold start
/// (process start to the first answer) per model shape and per build of the host (as built, a plain publish,
/// ReadyToRun, or a container image), warm latency, and a replay of mixed events that must all be answered by one
/// process. No anchor: the course's Lambda runs on AWS only.
/// </summary>
public sealed class BenchLambdaCommand : AsyncCommand<BenchLambdaCommand.Settings>
{
    /// <summary>Options of <c>mlops bench lambda</c>.</summary>
    public sealed class Settings : JsonResultSettings
    {
        [CommandOption("--shapes <LIST>"), DefaultValue("tiny,minilm")] public string Shapes { get; init; } = "tiny,minilm";

        [CommandOption("--host <PATH>"), Description("An mlops-serve executable to start, named by its folder, e.g. out/r2r/mlops-serve (repeatable; default without --image: the one beside this mlops).")]
        public string[] Hosts { get; init; } = [];

        [CommandOption("--image <IMAGE>"), Description("Also start the function as this container image (podman, the model mounted at /model).")]
        public string? Image { get; init; }

        [CommandOption("--repeats <N>"), Description("Cold starts per host."), DefaultValue(5)] public int Repeats { get; init; } = 5;
        [CommandOption("--warm <N>"), Description("Warm invocations after the last cold start."), DefaultValue(200)] public int Warm { get; init; } = 200;
        [CommandOption("--events <N>"), Description("Mixed events replayed after them (valid, malformed, oversized, wrong types)."), DefaultValue(1000)]
        public int Events { get; init; } = 1000;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (self, prefix) = ChildProcess.Self();
        var work = Directory.CreateTempSubdirectory("mlops-bench-lambda-");
        var results = new JsonArray();
        var table = new Table().Title($"The function against a local Runtime API: cold start (process start to first answer), median of {settings.Repeats}; warm and replay in one process")
            .AddColumns("shape", "host", "cold ms p50", "cold ms min-max", "warm ms p50", "warm ms p99", "replayed", "wrong", "alive", "SIGTERM exit", "peak RSS MB", "size MB");
        try
        {
            foreach (var shape in settings.Shapes.Split(','))
            {
                var model = Path.Combine(work.FullName, shape);
                await Measurement.RunAsync(self, [.. prefix, "bench", "inference-prepare", "--shape", shape, "--out", model], cancellationToken);
                var replay = ReplayEvents.Generate(settings.Events, "the cat sat on a mat dog ran".Split(' '), new Inference.ServingOptions().MaxTextCharacters).ToList();
                foreach (var (name, file, args, size, container) in await HostsAsync(settings, model, cancellationToken))
                {
                    var runs = new List<LambdaFunctionRun>();
                    for (var i = 0; i < settings.Repeats; i++)
                    {
                        var last = i == settings.Repeats - 1;
                        runs.Add(await LambdaFunctionRun.MeasureAsync(file, args, last ? settings.Warm : 0, last ? replay : [], cancellationToken));
                    }
                    var (cold, final) = (runs.Select(r => r.ColdMs).ToList(), runs[^1]);
                    // A container's memory is not its podman client's: only a host process of our own is measured.
                    var rss = container ? null : final.PeakRssMb;
                    // NaN without warm calls.
                    double Warm(double q) => final.WarmMs.Quantile(q);
                    table.AddRow(shape, name, F(cold.Median()), $"{F(cold.Min())}-{F(cold.Max())}", $"{Warm(0.5):F2}", $"{Warm(0.99):F2}",
                        $"{final.Replayed}", $"{final.Wrong.Count}", final.Alive ? "yes" : "[red]no[/]", $"{final.ExitCode}",
                        rss is { } mb ? F(mb) : "-", size is { } disk ? F(disk) : "-");
                    foreach (var problem in final.Wrong.Take(3)) AnsiConsole.MarkupLineInterpolated($"[red]{name} {shape}: {problem}[/]");
                    results.Add(new JsonObject
                    {
                        ["benchmark"] = "lambda",
                        ["shape"] = shape,
                        ["host"] = name,
                        ["cold_ms"] = new JsonArray([.. cold.Select(c => JsonValue.Create(c))]),
                        ["warm_p50_ms"] = Warm(0.5),
                        ["warm_p99_ms"] = Warm(0.99),
                        ["replayed"] = final.Replayed,
                        ["wrong"] = final.Wrong.Count,
                        ["alive"] = final.Alive,
                        ["sigterm_exit"] = final.ExitCode,
                        ["peak_rss_mb"] = rss,
                        ["size_mb"] = size,
                    });
                }
            }
            AnsiConsole.Write(table);
            await settings.WriteJsonAsync(results, cancellationToken);
            return ExitCodes.Success;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Each function to start: its name, executable, arguments given the Runtime API endpoint, its size (MB) when it has its own, and whether it is a container.</summary>
    private static async Task<IReadOnlyList<(string Name, string File, Func<string, IEnumerable<string>> Args, double? SizeMb, bool Container)>> HostsAsync(Settings settings,
        string model, CancellationToken cancellationToken)
    {
        string[] overrides = [$"serving.model_dir={model}", "serving.threads=1"];
        var hosts = new List<(string, string, Func<string, IEnumerable<string>>, double?, bool)>();
        if (settings.Hosts.Length == 0 && settings.Image is null) hosts.Add(("as built", Path.Combine(AppContext.BaseDirectory, "mlops-serve"), _ => overrides, null, false));
        foreach (var path in settings.Hosts.Select(Path.GetFullPath))
        {
            if (!File.Exists(path)) throw new MlopsException($"--host {path} does not exist.", "Publish it first: dotnet publish src/Mlops.Serving -c Release -o DIR.", ExitCodes.UserError);
            var folder = new DirectoryInfo(Path.GetDirectoryName(path)!);
            hosts.Add((folder.Name, path, _ => overrides, folder.EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / 1e6, false));
        }
        if (settings.Image is { } image)
            hosts.Add(("container " + image, "podman", endpoint => Podman.RunFunction(image, endpoint, model), await Podman.ImageSizeMbAsync(image, cancellationToken), true));
        return hosts;
    }

    private static string F(double value) => value.ToString("F0", CultureInfo.InvariantCulture);
}
