using System.Diagnostics;
using System.Globalization;
using Mlops.Core;
using Mlops.Core.Processes;
using Mlops.Lambda;
using Mlops.Testing;

namespace Mlops.Bench.Benchmarks;

/// <summary>
/// One start of the function (a host executable or a container) against a fresh <see cref="LocalRuntimeApi"/>: the
/// time from process start to its first answer (cold start), then, when asked, warm latencies and a replay of mixed
/// events, and its exit on SIGTERM.
/// </summary>
public sealed record LambdaFunctionRun(double ColdMs, IReadOnlyList<double> WarmMs, int Replayed, IReadOnlyList<string> Wrong, bool Alive, int ExitCode,
    double? PeakRssMb)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Starts <paramref name="file"/> with <paramref name="args"/> of the Runtime API endpoint, which is also in its AWS_LAMBDA_RUNTIME_API.</summary>
    public static async Task<LambdaFunctionRun> MeasureAsync(string file, Func<string, IEnumerable<string>> args, int warm, IReadOnlyList<ReplayEvents.Replayed> replay,
        CancellationToken cancellationToken)
    {
        await using var api = await LocalRuntimeApi.StartAsync();
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args(api.Endpoint)) start.ArgumentList.Add(arg);
        start.Environment[LambdaRuntimeClient.EndpointVariable] = api.Endpoint;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            var first = await api.InvokeAsync(ReplayEvents.Direct("the cat sat on the mat"), Timeout, cancellationToken)
                .WaitAsync(Timeout, cancellationToken);
            var cold = clock.Elapsed.TotalMilliseconds;
            if (first.Error is { } error) throw new MlopsException($"The function answered its first event with {error.Type}: {error.Message}", null, ExitCodes.DataError);
            var latencies = new List<double>();
            for (var i = 0; i < warm; i++)
            {
                var timer = Stopwatch.StartNew();
                await api.InvokeAsync(ReplayEvents.Direct($"the cat sat on the mat {i}"), Timeout, cancellationToken).WaitAsync(Timeout, cancellationToken);
                latencies.Add(timer.Elapsed.TotalMilliseconds);
            }
            var wrong = new List<string>();
            foreach (var item in replay)
                if (item.Check(await api.InvokeAsync(item.Event, Timeout, cancellationToken).WaitAsync(Timeout, cancellationToken)) is { } problem)
                    wrong.Add($"{item.Kind}: {problem}");
            var alive = !process.HasExited;
            var rss = ChildProcess.PeakRssMb(process.Id);
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).WaitAsync(Timeout, cancellationToken);
            return new LambdaFunctionRun(cold, latencies, replay.Count, wrong, alive, process.ExitCode, rss);
        }
        catch (TimeoutException)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            throw new MlopsException($"The function {file} did not answer within {Timeout.TotalSeconds} s: {(await errors).Trim().Split('\n').LastOrDefault()} {(await output).Trim().Split('\n').LastOrDefault()}",
                null, ExitCodes.DataError);
        }
    }
}
