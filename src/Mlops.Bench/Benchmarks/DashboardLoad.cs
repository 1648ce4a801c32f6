using System.Diagnostics;
using MathNet.Numerics.Statistics;
using Mlops.Tracking;

namespace Mlops.Bench.Benchmarks;

/// <summary>
/// What the dashboard answers over a big store: a store seeded with thousands of runs (params and metrics like a
/// sweep's) and one run with a long series, then the requests the pages make, each timed many times over HTTP.
/// </summary>
public static class DashboardLoad
{
    /// <summary>One request's latency over its repeats.</summary>
    public sealed record Timing(string Request, double P50Ms, double P95Ms, double MaxMs, long Bytes);

    private static readonly string[] Shapes = ["tiny", "minilm", "bert-base"];

    /// <summary>
    /// Adds <paramref name="runs"/> finished runs with 12 params and 3 metrics each, and one with <paramref name="points"/>
    /// training-loss points; returns the long run's id.
    /// </summary>
    public static async Task<string> SeedAsync(ITrackingStore store, int runs, int points, CancellationToken cancellationToken)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        var random = new Random(7);
        for (var i = 0; i < runs; i++)
        {
            var at = start.AddMinutes(i);
            var parameters = Enumerable.Range(0, 10).ToDictionary(p => $"training.p{p}", p => (random.Next(100) * (p + 1)).ToString());
            parameters["model.shape"] = Shapes[i % Shapes.Length];
            parameters["training.lr"] = $"{random.Next(1, 9)}e-05";
            var id = await store.CreateRunAsync(new RunStart { Name = $"sweep/{i}", Sweep = $"sweep-{i / 100}", Params = parameters }, at, cancellationToken);
            await store.AppendAsync(id, [new("val_mcc", 100, random.NextDouble() * 0.6, at), new("val_loss", 100, random.NextDouble(), at),
                new("train_loss", 100, random.NextDouble(), at)], at, cancellationToken);
            await store.EndRunAsync(id, RunStatus.Finished, new RunEnd(), at.AddSeconds(50), cancellationToken);
        }
        var longRun = await store.CreateRunAsync(new RunStart { Name = "long" }, DateTimeOffset.UtcNow, cancellationToken);
        for (var first = 0; first < points; first += 10_000)
            await store.AppendAsync(longRun, [.. Enumerable.Range(first, Math.Min(10_000, points - first))
                .Select(step => new MetricPoint("train_loss", step, 1.0 / (1 + step * 1e-3) + random.NextDouble() * 0.05, DateTimeOffset.UtcNow))],
                DateTimeOffset.UtcNow, cancellationToken);
        return longRun;
    }

    /// <summary>Times each of <paramref name="requests"/> (name and path) <paramref name="repeats"/> times after one warm-up.</summary>
    public static async Task<IReadOnlyList<Timing>> MeasureAsync(HttpClient http, IEnumerable<(string Name, string Path)> requests, int repeats,
        CancellationToken cancellationToken)
    {
        var timings = new List<Timing>();
        foreach (var (name, path) in requests)
        {
            var bytes = (await http.GetByteArrayAsync(path, cancellationToken)).LongLength;
            var samples = new List<double>();
            for (var i = 0; i < repeats; i++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await http.GetAsync(path, cancellationToken);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }
            timings.Add(new Timing(name, samples.Quantile(0.5), samples.Quantile(0.95), samples.Max(), bytes));
        }
        return timings;
    }
}
