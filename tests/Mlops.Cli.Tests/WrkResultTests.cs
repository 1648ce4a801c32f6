using Mlops.Bench.Benchmarks;

namespace Mlops.Cli.Tests;

public sealed class WrkResultTests
{
    private const string Output = """
        Running 10s test @ http://127.0.0.1:18000/predict?text=the+cat+sat+on+the+mat
          2 threads and 16 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     1.52ms  412.31us   9.87ms   80.12%
            Req/Sec     5.01k   210.33     5.60k    71.00%
          Latency Distribution
             50%  850.00us
             75%    1.70ms
             90%    2.01ms
             99%    1.20s
          99761 requests in 10.00s, 21.03MB read
          Socket errors: connect 0, read 2, write 0, timeout 3
          Non-2xx or 3xx responses: 7
        Requests/sec:   9975.08
        Transfer/sec:      2.10MB
        """;

    [Fact]
    public void Reads_throughput_percentiles_in_any_unit_and_every_failed_answer()
    {
        var result = WrkResult.Parse(Output);
        Assert.Equal(9975.08, result.RequestsPerSecond);
        Assert.Equal(0.85, result.P50Ms, 6);
        Assert.Equal(1200, result.P99Ms, 6);
        Assert.Equal(99761, result.Requests);
        Assert.Equal(7 + 5, result.Failed);
    }
}
