using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Mlops.Core.Processes;
using Mlops.Monitoring.Events;
using Mlops.Testing;
using Mlops.Tests;
using Mlops.Tracking;

namespace Mlops.Serving.Tests;

/// <summary>The real <c>mlops-serve</c> executable: bad configuration is one line and an exit code before listening; SIGTERM drains and exits 0.</summary>
public sealed class ServingProcessTests(ServedModel served) : IClassFixture<ServedModel>
{
    /// <summary>mlops-serve with extra environment variables (NAME=value) and overrides, its signals at their defaults.</summary>
    private static Process Start(IEnumerable<string> environment, IEnumerable<string> overrides)
    {
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        string[] host = ["dotnet", Path.Combine(AppContext.BaseDirectory, "mlops-serve.dll")];
        foreach (var arg in new[] { "--default-signal=INT,TERM" }.Concat(environment).Concat(host).Concat(overrides))
            start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    /// <summary>The served test model on a free port, once its /readyz answers 200.</summary>
    private async Task<(Process Process, HttpClient Client)> StartReadyAsync(string[]? environment = null, params string[] overrides)
    {
        var port = BackgroundProcess.FreePort();
        var process = Start(environment ?? [], ["serving.threads=1", $"serving.model_dir={served.Options.ModelDir}", $"serving.port={port}", .. overrides]);
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                if ((await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK) return (process, client);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        process.Kill();
        throw new TimeoutException("the server never became ready: " + await process.StandardError.ReadToEndAsync());
    }

    private static async Task TerminateAsync(Process process)
    {
        await Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExitAsync();
    }

    private static async Task<int> ExitCodeAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    private static async Task<(int ExitCode, string Output)> RunToEndAsync(params string[] overrides)
    {
        using var process = Start([], overrides);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + error);
    }

    /// <summary>True while a POST /v1/predict is in the host's pipeline (its headers read, its body still coming), as its own metrics say.</summary>
    private static async Task<bool> PredictInFlightAsync(HttpClient client) =>
        (await client.GetStringAsync("/metrics")).Split('\n')
            .Any(line => line.StartsWith("http_requests_in_progress{", StringComparison.Ordinal) && line.Contains("endpoint=\"/v1/predict\"") && line.EndsWith(" 1"));

    /// <summary>True while the host accepts new connections.</summary>
    private static async Task<bool> ListensAsync(Uri address)
    {
        using var probe = new TcpClient();
        try
        {
            await probe.ConnectAsync(address.Host, address.Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Stdout_carries_only_prediction_events_and_the_hosts_own_logs_go_to_stderr()
    {
        // A store that cannot be opened costs the host a warning: a line of its own log, which must not land among the events.
        var (process, client) = await StartReadyAsync(null, "tracking.uri=sqlite:/proc/mlops-unwritable/mlops.db");
        using (process)
        using (client)
        {
            (await client.GetAsync("/predict?text=the+cat+sat.")).EnsureSuccessStatusCode();
            (await client.GetAsync("/predict?text=the+dog+sleeps.")).EnsureSuccessStatusCode();
            await TerminateAsync(process);
            Assert.Equal(0, await ExitCodeAsync(process));
            var stdout = await process.StandardOutput.ReadToEndAsync();
            var stderr = await process.StandardError.ReadToEndAsync();
            Assert.Contains("Prediction events will not reach the tracking store", stderr);
            var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.All(lines, line => Assert.NotNull(EcsDocument.Read(Encoding.UTF8.GetBytes(line))));
        }
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_lists_the_options_and_every_config_key_after_the_images_overrides(string option)
    {
        // The image's ENTRYPOINT passes overrides first: `podman run IMAGE --help` appends the option after them.
        var (exitCode, output) = await RunToEndAsync("serving.host=${oc.env:MLOPS_SERVING_HOST}", option);
        Assert.Equal(0, exitCode);
        Assert.Contains("mlops-serve healthcheck [OPTIONS]", output);
        Assert.Contains("--config-dir <DIR>", output);
        Assert.Contains("--cfg", output);
        Assert.Contains("serving.port=8000", output);
        Assert.Contains("monitoring.drift.window=", output);
    }

    [Fact]
    public async Task Version_config_dir_and_cfg_work_as_in_mlops()
    {
        var (exitCode, output) = await RunToEndAsync("--version");
        Assert.Equal(0, exitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", output);

        var configs = Directory.CreateTempSubdirectory("mlops-serve-configs-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(configs, "serve.yaml"), "serving:\n  port: 7777\n  host: 127.0.0.1\n");
            (exitCode, output) = await RunToEndAsync("--config-dir", configs, "serving.host=0.0.0.0", "--cfg");
            Assert.Equal(0, exitCode);
            Assert.Contains("port: 7777", output);
            Assert.Contains("host: 0.0.0.0", output);
        }
        finally
        {
            Directory.Delete(configs, recursive: true);
        }
    }

    [Fact]
    public async Task A_mistyped_option_is_one_line_with_did_you_mean_and_exit_2()
    {
        var (exitCode, output) = await RunToEndAsync("--config-dri", "configs");
        Assert.Equal(2, exitCode);
        Assert.Contains("error: Unknown option '--config-dri'.", output);
        Assert.Contains("Did you mean '--config-dir'?", output);
        Assert.DoesNotContain("   at ", output);
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
    public async Task A_model_folder_without_an_export_says_to_export_it_and_offers_no_option_the_host_lacks()
    {
        var dir = Directory.CreateTempSubdirectory("mlops-serve-unexported-").FullName;
        try
        {
            var (exitCode, output) = await RunToEndAsync($"serving.model_dir={dir}");
            Assert.Equal(4, exitCode);
            Assert.Contains($"Export it with `mlops export --model {dir}`.", output);
            Assert.DoesNotContain("--engine", output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_model_dir_naming_a_file_says_a_folder_is_expected()
    {
        var onnx = Path.Combine(served.Options.ModelDir, "model.onnx");
        var (exitCode, output) = await RunToEndAsync($"serving.model_dir={onnx}");
        Assert.Equal(4, exitCode);
        Assert.Contains($"error: '{onnx}' is a file, not a model folder.", output);
        Assert.Contains($"name the folder, e.g. '{Path.GetFullPath(served.Options.ModelDir)}'", output);
        Assert.DoesNotContain("does not exist", output);
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_and_exit_6()
    {
        var port = new Uri(served.Client.BaseAddress!.ToString()).Port;
        var (exitCode, output) = await RunToEndAsync($"serving.model_dir={served.Options.ModelDir}", $"serving.port={port}");
        Assert.Equal(6, exitCode);
        Assert.Contains("address already in use", output);
        Assert.Contains("Choose another serving.port or serving.host, or stop what holds it.", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task Sigterm_finishes_the_request_in_flight_then_exits_0()
    {
        var (process, client) = await StartReadyAsync();
        using (process)
        using (client)
        {
            // A request whose body is still arriving when SIGTERM comes: it is in flight, so it must be answered.
            var body = Encoding.UTF8.GetBytes("{\"texts\": [\"w1 w2\", \"w3\"]}");
            using var socket = new TcpClient();
            await socket.ConnectAsync(client.BaseAddress!.Host, client.BaseAddress.Port);
            var stream = socket.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                $"POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));
            await stream.WriteAsync(body.AsMemory(0, 5));
            await stream.FlushAsync();
            await Poll.UntilAsync(() => PredictInFlightAsync(client), () => "the host never started the request");
            await TerminateAsync(process);
            // Shutting down, the host stops listening first, then waits for what is in flight.
            await Poll.UntilAsync(async () => !await ListensAsync(client.BaseAddress), () => "the host still listens after SIGTERM");
            Assert.False(process.HasExited, "the host must wait for the request in flight");
            await stream.WriteAsync(body.AsMemory(5));
            var answer = await new StreamReader(stream).ReadToEndAsync();
            Assert.StartsWith("HTTP/1.1 200", answer);
            Assert.Contains("\"predictions\"", answer);
            Assert.Equal(0, await ExitCodeAsync(process));
        }
    }

    [Fact]
    public async Task Sigterm_stops_taking_traffic_and_exits_0()
    {
        var (process, client) = await StartReadyAsync();
        using (process)
        using (client)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/predict?text=w1%20w2")).StatusCode);
            await TerminateAsync(process);
            Assert.Equal(0, await ExitCodeAsync(process));
            await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/readyz"));
        }
    }

    [Fact]
    public async Task Healthcheck_exits_0_for_a_ready_host_and_1_with_a_line_when_none_listens()
    {
        var port = new Uri(served.Client.BaseAddress!.ToString()).Port;
        Assert.Equal((0, ""), await RunToEndAsync("healthcheck", $"serving.port={port}"));
        var (exitCode, output) = await RunToEndAsync("healthcheck", $"serving.port={BackgroundProcess.FreePort()}", "serving.host=0.0.0.0");
        Assert.Equal(1, exitCode);
        Assert.StartsWith("unhealthy: http://127.0.0.1:", output);
    }

    [Fact]
    public async Task A_host_without_icu_strips_accents_like_one_with_it()
    {
        // How the container image runs (invariant globalization: string.Normalize does nothing there).
        var (process, client) = await StartReadyAsync(["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1"]);
        using (process)
        using (client)
        {
            var plain = await client.GetStringAsync("/predict?text=w1%20w2");
            var accented = await client.GetStringAsync("/predict?text=" + Uri.EscapeDataString("\u1E83\u0031 W\u0308\u0032"));
            Assert.Equal(plain, accented);
            await TerminateAsync(process);
            Assert.Equal(0, await ExitCodeAsync(process));
        }
    }

    [Fact]
    public async Task The_host_serves_a_registered_model_by_its_alias()
    {
        var dir = Directory.CreateTempSubdirectory("mlops-serve-registry-").FullName;
        try
        {
            var uri = "sqlite:" + Path.Combine(dir, "mlops.db");
            await using (var store = Mlops.Tracking.TrackingStores.Open(uri))
            {
                await store.RegisterAsync("cola", served.Options.ModelDir, null, null, "test", DateTimeOffset.UtcNow);
                await store.SetAliasAsync("cola", "champion", 1, "test", DateTimeOffset.UtcNow);
            }
            var port = BackgroundProcess.FreePort();
            using var process = Start([], ["serving.threads=1", "serving.model_dir=models:/cola@champion", $"tracking.uri={uri}", $"serving.port={port}"]);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var ready = false;
            for (var attempt = 0; attempt < 300 && !ready && !process.HasExited; attempt++)
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
            Assert.True(ready, "the host never became ready: " + (process.HasExited ? await process.StandardError.ReadToEndAsync() : ""));
            await TerminateAsync(process);
            Assert.Equal(0, await ExitCodeAsync(process));

            var (exitCode, output) = await RunToEndAsync("serving.model_dir=models:/cola@nobody", $"tracking.uri={uri}");
            Assert.Equal(4, exitCode);
            Assert.Contains("error: 'models:/cola@nobody': model 'cola' has no alias 'nobody'.", output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task With_the_default_settings_no_sentence_reaches_stdout_stderr_the_prediction_log_Elasticsearch_or_the_store()
    {
        var logs = Directory.CreateTempSubdirectory("mlops-privacy-").FullName;
        using var elasticsearch = new ElasticsearchStandIn();
        try
        {
            var (process, client) = await StartReadyAsync(null, $"monitoring.log_dir={logs}", $"monitoring.elasticsearch.url={elasticsearch.Url}",
                $"tracking.uri=sqlite:{logs}/store/mlops.db");
            string[] sentences = ["my secret neighbour sleeps.", "Quixotic private phrasing here"];
            using (process)
            using (client)
            {
                foreach (var sentence in sentences)
                    (await client.PostAsync("/v1/predict", new StringContent($"{{\"text\": \"{sentence}\"}}", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
                (await client.GetAsync("/predict?text=" + Uri.EscapeDataString(sentences[0]))).EnsureSuccessStatusCode();
                await TerminateAsync(process);
                Assert.Equal(0, await ExitCodeAsync(process));
                var stdout = await process.StandardOutput.ReadToEndAsync();
                var stderr = await process.StandardError.ReadToEndAsync();
                var files = string.Concat(Directory.GetFiles(logs).Select(File.ReadAllText));
                var shipped = string.Concat(elasticsearch.Documents.Select(d => d.GetRawText() + "\n"));
                var store = string.Concat(Directory.GetFiles(Path.Combine(logs, "store")).Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
                Assert.Equal(3, Count(stdout, "\"dataset\":\"mlops.predictions\""));
                Assert.Equal(3, Count(files, "\"dataset\":\"mlops.predictions\""));
                Assert.Equal(3, Count(files, "\"text_hash\":\"hmac-sha256:"));
                Assert.Equal(3, Count(shipped, "\"text_hash\":\"hmac-sha256:"));
                await using (var tracking = TrackingStores.Open($"sqlite:{logs}/store/mlops.db"))
                    Assert.Equal(3, Assert.Single(await tracking.MonitoredModelsAsync()).Events);
                foreach (var output in new[] { stdout, stderr, files, shipped, store })
                    foreach (var word in sentences.SelectMany(s => s.Split(' ')).Where(w => w.Length >= 6).Append(sentences[0]))
                        Assert.DoesNotContain(word.TrimEnd('.'), output, StringComparison.OrdinalIgnoreCase);
            }
        }
        finally
        {
            Directory.Delete(logs, recursive: true);
        }
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
