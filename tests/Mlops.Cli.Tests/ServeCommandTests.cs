using System.Diagnostics;
using System.Text.RegularExpressions;
using Mlops.Core;
using Mlops.Core.Processes;
using Mlops.Monitoring.Drift;
using Mlops.Testing;

namespace Mlops.Cli.Tests;

/// <summary><c>mlops serve</c> as a user starts it: its prediction events land where <c>mlops monitor --logs</c> replays them.</summary>
public sealed class ServeCommandTests : TempDirectoryTest
{
    [Fact]
    public async Task Prediction_events_go_to_outputs_predictions_by_default_where_monitor_reads_them()
    {
        var served = await TinyModelFolder.ExportServedAsync(Dir);
        using var process = Process.Start(MlopsProcess.StartInfo(Dir, ["serve", $"serving.model_dir={served.Path}", $"serving.port={BackgroundProcess.FreePort()}", "serving.host=127.0.0.1"]))!;
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var _ = patience.Token.Register(() => process.Kill(entireProcessTree: true));
        var stderr = process.StandardError.ReadToEndAsync();
        var said = new List<string>();
        string? url = null;
        while (url is null && await process.StandardOutput.ReadLineAsync() is { } line)
        {
            said.Add(line);
            url = Regex.Match(line, @"http://127\.0\.0\.1:\d+") is { Success: true } m ? m.Value : null;
        }
        if (url is null) Assert.Fail(string.Join('\n', said) + await stderr);
        using (var http = new HttpClient())
            Assert.True((await http.GetAsync($"{url}/predict?text=w1+w2")).IsSuccessStatusCode);
        var notice = await process.StandardOutput.ReadLineAsync();
        Assert.Contains(Path.Combine(Dir, "outputs", "predictions"), notice);
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString()])) await term.WaitForExitAsync();
        await process.WaitForExitAsync();

        // What `mlops monitor --logs outputs/predictions` reads: the one prediction, by the served model.
        var traffic = await LoggedTraffic.ReadAsync([Path.Combine(Dir, "outputs", "predictions")], CancellationToken.None);
        Assert.Equal((await ModelCard.ReadAsync(served.CardPath)).ModelId, Assert.Single(traffic.Events).ModelId);
    }
}
