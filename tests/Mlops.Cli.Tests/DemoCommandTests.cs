using System.Text.Json.Nodes;
using Mlops.Cli.Commands;
using Mlops.Cli.Demo;

namespace Mlops.Cli.Tests;

/// <summary>
/// <c>mlops demo</c> end to end with a tiny model: the eight steps with the embedded alternatives (and with s3rver,
/// Prometheus and Alertmanager where they are installed), what they leave behind (registry alias, remote objects, the
/// alarm, the dashboard's API), that an interrupted demo leaves no process of its own, checked in <c>/proc</c>, and
/// that a failing step names itself and the command that reruns it.
/// </summary>
public sealed class DemoCommandTests : TempDirectoryTest
{
    private string Demo => Path.Combine(Dir, "demo");

    [Fact]
    public async Task The_embedded_demo_walks_a_model_from_training_to_a_drift_alarm_and_leaves_no_process()
    {
        var result = await RunDemoAsync("--no-servers");

        Assert.True(result.ExitCode == 0, result.All);
        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Demo, DemoCommand.ReportFile)))!;
        Assert.Equal(["train", "register", "export", "version", "serve", "traffic", "alarm", "dashboard"],
            report["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        Assert.All(report["steps"]!.AsArray(), s => Assert.True(s!["peak_rss_mb"]!.GetValue<double>() > 0, s.ToJsonString()));
        Assert.True(report["first_alarm_at"]!.GetValue<int>() > 0);
        Assert.Empty(report["servers"]!.AsObject());
        var project = Path.Combine(Demo, "project");
        var models = await MlopsProcess.RunAsync(project, "models", "list", "--name", DemoWalk.ModelName);
        Assert.Contains("champion", models.StdOut);
        var runs = await MlopsProcess.RunAsync(project, "runs", "list", "--status", "finished");
        Assert.Contains(report["run_id"]!.GetValue<string>()[..8], runs.StdOut);
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(Demo, "remote"), "*", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(Demo, "serving", "models", DemoWalk.ModelName, "model.onnx")), "the model was not pulled into the clean folder");
        Assert.Empty(DemoProcess.Of(Dir));
    }

    [SkippableFact]
    public async Task With_every_server_installed_the_model_goes_through_s3rver_and_the_alarm_reaches_Alertmanager()
    {
        Prerequisite.Require(new[] { "s3rver", "prometheus", "prometheus-alertmanager" }.All(p => DemoServers.Find(p) is not null),
            "s3rver, Prometheus or Alertmanager is not on PATH",
            "`npm install -g s3rver@3.7.1` and `apt-get install -y prometheus prometheus-alertmanager` enable this test (.ci/run puts them on PATH).");

        var result = await RunDemoAsync("--no-image"); // the image path is deploy/check-demo.sh's, on the image deploy/check-image.sh builds

        Assert.True(result.ExitCode == 0, result.All);
        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Demo, DemoCommand.ReportFile)))!;
        Assert.Equal(["s3", "prometheus", "alertmanager"], report["servers"]!.AsObject().Select(s => s.Key));
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(Demo, "s3"), "*", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(Path.Combine(Demo, "remote")));
        Assert.Contains("MlopsDataDrift firing in Alertmanager", result.StdOut);
        Assert.Empty(DemoProcess.Of(Dir));
    }

    [Fact]
    public async Task With_keep_the_host_and_dashboard_answer_until_Ctrl_C_stops_everything()
    {
        var (exitCode, output) = await DemoProcess.RunUntilAsync(Dir, Demo, "Left running", "INT", async () =>
        {
            var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Demo, DemoCommand.ReportFile)))!;
            using var http = new HttpClient();
            var runs = await http.GetStringAsync(report["urls"]!["runs"]!.GetValue<string>() + "api/runs");
            Assert.Contains(report["run_id"]!.GetValue<string>(), runs);
            Assert.Contains("ready", await http.GetStringAsync(report["urls"]!["serving"]!.GetValue<string>() + "/readyz"));
        }, "--keep", "--no-servers");

        Assert.True(exitCode == 0, output);
        Assert.Empty(DemoProcess.Of(Dir));
    }

    [Fact]
    public async Task SIGTERM_in_the_middle_stops_every_process_the_demo_started_and_a_rerun_starts_clean()
    {
        var (exitCode, output) = await DemoProcess.RunUntilAsync(Dir, Demo, "5/8 serve", "TERM", () => Task.CompletedTask, "--no-servers");

        Assert.True(exitCode == 143, $"exit {exitCode}: {output}");
        Assert.Empty(DemoProcess.Of(Dir));
        var rerun = await RunDemoAsync("--no-servers");
        Assert.True(rerun.ExitCode == 0, rerun.All);
    }

    [Theory]
    [InlineData("[1/8]", "TERM", 143)] // while the training child runs
    [InlineData("[6/8]", "INT", 130)] // with the serving host up, while traffic is sent
    [InlineData("[8/8]", "TERM", 143)] // while the dashboard starts
    public async Task A_signal_at_any_step_leaves_no_process_of_the_demo(string line, string signal, int exitCode)
    {
        var (code, output) = await DemoProcess.RunUntilAsync(Dir, Demo, line, signal, () => Task.CompletedTask, "--no-servers");

        Assert.True(code == exitCode, $"exit {code}: {output}");
        Assert.Empty(DemoProcess.Of(Dir));
    }

    [Fact]
    public async Task A_failing_step_says_which_why_and_the_command_that_reruns_it()
    {
        var result = await RunDemoAsync("--no-servers", "training.lr=fast");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("Step 1/8 (train) failed: `mlops train", result.StdErr);
        Assert.Contains("training.lr", result.StdErr);
        Assert.Contains($"Rerun this step alone: cd '{Path.Combine(Demo, "project")}' && mlops train training.lr=fast model=tiny", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }

    [Fact]
    public async Task Image_options_that_contradict_each_other_are_refused_before_anything_starts()
    {
        var result = await InProcessMlops.RunAsync("demo", "--dir", Demo, "--image", "localhost/mlops-serve:dev", "--no-servers");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--image serves a container with podman", result.StdErr);
        Assert.False(Directory.Exists(Demo));
    }

    [Fact]
    public async Task A_folder_that_a_demo_did_not_make_is_refused()
    {
        Directory.CreateDirectory(Demo);
        await File.WriteAllTextAsync(Path.Combine(Demo, "thesis.tex"), "keep me");

        var result = await InProcessMlops.RunAsync("demo", "--dir", Demo);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not empty and is not a demo folder", result.StdErr);
        Assert.True(File.Exists(Path.Combine(Demo, "thesis.tex")));
    }

    [Theory]
    [InlineData("", "model=minilm training.max_epochs=2 training.lr=5e-5")]
    [InlineData("model=tiny", "training.max_epochs=2 training.lr=5e-5 model=tiny")]
    [InlineData("training=fast", "model=minilm training=fast")]
    [InlineData("training.lr=1e-4 data.dir=cola", "model=minilm training.max_epochs=2 training.lr=1e-4 data.dir=cola")]
    public void The_users_overrides_replace_the_demos_own(string user, string expected) =>
        Assert.Equal(expected, string.Join(' ', DemoWalk.TrainingOverrides(user.Split(' ', StringSplitOptions.RemoveEmptyEntries))));

    private Task<MlopsProcess.Result> RunDemoAsync(params string[] options) =>
        MlopsProcess.RunAsync(MlopsProcess.StartInfo(Dir, ["demo", "--dir", Demo, .. options, .. DemoProcess.QuickDemo]), TimeSpan.FromMinutes(5));
}
