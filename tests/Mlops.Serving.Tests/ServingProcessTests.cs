using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mlops.Serving.Tests;

/// <summary>The real <c>mlops-serve</c> executable: bad configuration is one line and an exit code before listening; SIGTERM drains and exits 0.</summary>
public sealed class ServingProcessTests(ServedModel served) : IClassFixture<ServedModel>
{
    private static Process Start(params string[] overrides)
    {
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var arg in new[] { "--default-signal=INT,TERM", "dotnet", Path.Combine(AppContext.BaseDirectory, "mlops-serve.dll"), "serving.threads=1" }.Concat(overrides))
            start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    private static async Task<(int ExitCode, string Output)> RunToEndAsync(params string[] overrides)
    {
        using var process = Start(overrides);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + error);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_missing_model_is_one_line_and_exit_4()
    {
        var (exitCode, output) = await RunToEndAsync("serving.model_dir=/nonexistent/model");
        Assert.Equal(4, exitCode);
        Assert.Contains("error: Model directory '/nonexistent/model' does not exist.", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_and_exit_6()
    {
        var port = new Uri(served.Client.BaseAddress!.ToString()).Port;
        var (exitCode, output) = await RunToEndAsync($"serving.model_dir={served.Options.ModelDir}", $"serving.port={port}");
        Assert.Equal(6, exitCode);
        Assert.Contains("address already in use", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task Sigterm_stops_taking_traffic_and_exits_0()
    {
        var port = FreePort();
        using var process = Start($"serving.model_dir={served.Options.ModelDir}", $"serving.port={port}");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var ready = false;
        for (var attempt = 0; attempt < 300 && !ready; attempt++)
        {
            try
            {
                ready = (await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        Assert.True(ready, "the server never became ready");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/predict?text=w1%20w2")).StatusCode);
        Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, process.ExitCode);
    }
}
