namespace Mlops.Bench.Benchmarks;

/// <summary>The command lines of the other programs <c>mlops bench serve</c> runs: the load generator, and the course's FastAPI anchor.</summary>
public static class ServingLoad
{
    /// <summary><c>wrk</c> with its latency distribution, at most 2 threads (the machine has 2 cores, shared with the servers).</summary>
    public static string[] WrkArguments(int connections, int seconds, string url) =>
        [$"-t{Math.Min(2, connections)}", $"-c{connections}", $"-d{seconds}s", "--latency", url];

    /// <summary><c>fastapi_serve.py</c>'s own options.</summary>
    public static string[] AnchorArguments(string anchor, int port, int threads, string shape) =>
        [anchor, "--port", port.ToString(), "--threads", threads.ToString(), "--shape", shape];
}
