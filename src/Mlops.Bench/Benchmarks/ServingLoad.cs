using Mlops.Core;
using Mlops.Core.Processes;

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

    /// <summary>One wrk run, parsed; a wrk that fails is one line saying how to install it.</summary>
    public static async Task<WrkResult> WrkAsync(int connections, int seconds, string url, CancellationToken cancellationToken)
    {
        var wrk = await ChildProcess.RunAsync("wrk", WrkArguments(connections, seconds, url), cancellationToken);
        if (wrk.ExitCode != 0) throw new MlopsException($"wrk failed: {wrk.StdErrTail}", "Install it: apt-get install -y wrk");
        return WrkResult.Parse(wrk.StdOutTail);
    }

    /// <summary>3 s of load, not measured: JIT tiering, thread pools and caches reach their steady state first.</summary>
    public static Task WarmUpAsync(string url, CancellationToken cancellationToken) => WrkAsync(16, 3, url, cancellationToken);

    /// <summary>Polls <paramref name="readyPath"/> until it answers 2xx; a server that exits first is one line with its last error.</summary>
    public static async Task WaitUntilReadyAsync(string file, string[] args, Task<ChildProcessResult> server, HttpClient client, string readyPath,
        CancellationToken cancellationToken)
    {
        for (var ready = false; !ready;)
        {
            if (server.IsCompleted)
                throw new MlopsException($"Server '{file} {string.Join(' ', args)}' exited before it answered: {(await server).StdErrTail.Split('\n').LastOrDefault()}",
                    file.Contains("python") ? "Install the anchor's dependencies: apt-get install -y python3-torch python3-fastapi python3-uvicorn" : null);
            try
            {
                ready = (await client.GetAsync(readyPath, cancellationToken)).IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }
}
