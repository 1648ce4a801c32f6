using System.Diagnostics;
using System.Net.Sockets;

namespace Mlops.Core.Processes;

/// <summary>
/// A server this program starts and owns for a while (the demo's serving host, dashboard, s3rver, Prometheus,
/// Alertmanager): its last output lines kept for failure messages, its peak memory readable while it runs, waited on
/// until its port or URL answers, and stopped with its whole process tree on dispose, so nothing is left behind.
/// </summary>
public sealed class BackgroundProcess : IDisposable
{
    private readonly Process _process;
    private readonly OutputTail _output = new(40);

    private BackgroundProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => _output.Add(e.Data);
        _process.ErrorDataReceived += (_, e) => _output.Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>What it is, for messages ("s3rver", "the serving host").</summary>
    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines it wrote, stdout and stderr interleaved.</summary>
    public string Tail => _output.Text;

    /// <summary>Its peak resident memory so far, in MB (0 once it has exited or where /proc cannot be read).</summary>
    public double PeakRssMb => ChildProcess.PeakRssMb(_process.Id) ?? 0;

    /// <summary>Starts <paramref name="file"/> in <paramref name="workingDirectory"/> (when given) with extra <paramref name="environment"/> variables.</summary>
    public static BackgroundProcess Start(string name, string file, IEnumerable<string> args, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null) =>
        new(name, ChildProcess.Start(file, args, workingDirectory, environment));

    /// <summary>Waits until <paramref name="ready"/> says yes, polling; fails with its last output if it exits or <paramref name="patience"/> runs out.</summary>
    public Task WaitUntilAsync(Func<CancellationToken, Task<bool>> ready, TimeSpan patience, CancellationToken cancellationToken) =>
        WaitUntilAsync(Name, ready, () => HasExited ? $"exited with code {_process.ExitCode} ({LastLine})" : null, patience, cancellationToken, () => LastLine);

    /// <summary>
    /// Waits until <paramref name="ready"/> says yes, polling; fails naming <paramref name="name"/> once <paramref name="gone"/>
    /// says why it never will (it exited), or when <paramref name="patience"/> runs out (with what <paramref name="said"/> gives: its last words).
    /// </summary>
    public static async Task WaitUntilAsync(string name, Func<CancellationToken, Task<bool>> ready, Func<string?> gone, TimeSpan patience,
        CancellationToken cancellationToken, Func<string>? said = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await ready(cancellationToken))
        {
            if (gone() is { } why) throw new MlopsException($"{name} {why} before it was ready.");
            if (clock.Elapsed > patience)
                throw new MlopsException($"{name} was not ready after {patience.TotalSeconds:0} s{(said is null ? "" : $" ({said()})")}.");
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Waits until something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public Task WaitForPortAsync(int port, TimeSpan patience, CancellationToken cancellationToken) =>
        WaitUntilAsync(async token =>
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port, token);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, patience, cancellationToken);

    /// <summary>Waits until GET <paramref name="url"/> answers with a success status.</summary>
    public Task WaitForHttpAsync(HttpClient http, string url, TimeSpan patience, CancellationToken cancellationToken) =>
        WaitUntilAsync(Answers(http, url), patience, cancellationToken);

    /// <summary>A readiness check: GET <paramref name="url"/> answers with a success status.</summary>
    public static Func<CancellationToken, Task<bool>> Answers(HttpClient http, string url) => async token =>
    {
        try
        {
            using var response = await http.GetAsync(url, token);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    };

    /// <summary>How long a SIGTERM may take before the process tree is killed.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(10);

    private string LastLine => Tail.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "it wrote nothing";

    /// <summary>A free TCP port on 127.0.0.1 (the OS's pick), for a server about to start.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Stops it: SIGTERM first, so a serving host drains and flushes its events; after <see cref="GracePeriod"/> SIGKILL
    /// to it and every process it started; then waits for the exit.
    /// </summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                ChildProcess.Terminate(_process.Id);
                if (!_process.WaitForExit(GracePeriod)) _process.Kill(entireProcessTree: true);
            }
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // It was never started or already reaped.
        }
        _process.Dispose();
    }
}
