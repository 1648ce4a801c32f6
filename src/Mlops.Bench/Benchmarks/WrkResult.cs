using System.Globalization;
using System.Text.RegularExpressions;

namespace Mlops.Bench.Benchmarks;

/// <summary>What one <c>wrk --latency</c> run measured: throughput, latency percentiles, and every answer that was not 2xx (or never came).</summary>
public sealed partial record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Failed)
{
    public static WrkResult Parse(string output)
    {
        double Number(Regex pattern) => pattern.Match(output) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
        double Latency(string percentile)
        {
            var m = Regex.Match(output, $@"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\b", RegexOptions.Multiline);
            if (!m.Success) return double.NaN;
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
        }
        long Count(Regex pattern) => pattern.Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socketErrors = SocketErrors().Match(output) is { Success: true } e ? e.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0;
        return new WrkResult(Number(RequestsPerSecondLine()), Latency("50"), Latency("99"), Count(RequestsLine()), Count(NonSuccess()) + socketErrors);
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecondLine();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
