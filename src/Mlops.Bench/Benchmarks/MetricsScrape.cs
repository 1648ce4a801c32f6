using System.Globalization;

namespace Mlops.Bench.Benchmarks;

/// <summary>One scrape of a Prometheus text page, read by series: what a benchmark asks a running host, as Prometheus would.</summary>
public sealed class MetricsScrape(string text)
{
    public static async Task<MetricsScrape> FetchAsync(HttpClient client, CancellationToken cancellationToken) =>
        new(await client.GetStringAsync("/metrics", cancellationToken));

    /// <summary>The sample of the series written exactly so (e.g. <c>name{sink="elasticsearch"}</c>), or NaN when the page has none.</summary>
    public double Value(string series)
    {
        foreach (var line in text.Split('\n'))
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
                return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
        return double.NaN;
    }
}
