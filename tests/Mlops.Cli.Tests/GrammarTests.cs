using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Mlops.Core;
using Mlops.Testing;
using Mlops.Tracking;

namespace Mlops.Cli.Tests;

/// <summary>
/// One grammar for every command: an override is an override wherever it stands, a concept has one name on every
/// command, output goes where a Unix user expects it, and a mistake gets the nearest right spelling.
/// </summary>
[Collection(InProcessMlops.Collection)]
public sealed class GrammarTests : TempDirectoryTest
{
    private static Task<MlopsProcess.Result> Mlops(params string[] args) => InProcessMlops.RunAsync([.. args, "--config-dir", InProcessMlops.ConfigDir]);

    private async Task<string> TinyModelAsync() => (await TinyModelFolder.WriteAsync(Path.Combine(Dir, "model"))).Path;

    [Fact]
    public async Task Predict_takes_an_argument_that_overrides_a_key_as_an_override_not_a_sentence()
    {
        var model = await TinyModelAsync();
        var result = await Mlops("predict", "serving.batch_size=1", "w1 w2", "--model", model);
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("w1 w2", result.StdOut);
        Assert.DoesNotContain("batch_size", result.StdOut);

        // Applied as an override: a bad value is the config error, and a mistyped key gets the nearest one.
        var bad = await Mlops("predict", "serving.batch_size=abc", "w1 w2", "--model", model);
        Assert.Equal(ExitCodes.ConfigError, bad.ExitCode);
        Assert.Contains("serving.batch_size", bad.StdErr);
        var typo = await Mlops("predict", "serving.batch_siz=8", "w1 w2", "--model", model);
        Assert.Equal(ExitCodes.ConfigError, typo.ExitCode);
        Assert.Contains("Did you mean 'serving.batch_size'?", typo.StdErr);
        // The old spelling, -o, still works for scripts.
        var old = await Mlops("predict", "-o", "serving.batch_size=abc", "w1 w2", "--model", model);
        Assert.Equal(ExitCodes.ConfigError, old.ExitCode);
    }

    [Fact]
    public async Task Predict_with_only_overrides_asks_for_sentences()
    {
        var result = await Mlops("predict", "serving.batch_size=8");
        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains("Give sentences to classify, or --input FILE.", result.StdErr);
    }

    [Fact]
    public async Task Predict_cfg_prints_the_config_without_sentences()
    {
        var result = await Mlops("predict", "--cfg", "serving.batch_size=8");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("batch_size: 8", result.StdOut);
    }

    [Fact]
    public async Task Predict_input_without_output_writes_json_lines_to_stdout_and_nothing_else()
    {
        var model = await TinyModelAsync();
        var input = Path.Combine(Dir, "in.txt");
        File.WriteAllLines(input, ["w1 w2", "w3"]);

        var result = await Mlops("predict", "--input", input, "--model", model);

        Assert.True(result.ExitCode == 0, result.All);
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(["w1 w2", "w3"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()));
        Assert.All(lines, l => Assert.Matches("^(un)?acceptable$", JsonDocument.Parse(l).RootElement.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task Evaluate_takes_model_like_every_command_and_its_old_name_still_works()
    {
        var missing = Path.Combine(Dir, "none");
        foreach (var option in new[] { "--model", "--checkpoint", "-c" })
        {
            var result = await Mlops("evaluate", option, missing);
            Assert.Equal(ExitCodes.ModelError, result.ExitCode);
            Assert.Contains($"'{missing}' does not exist", result.StdErr);
        }
        var both = await Mlops("evaluate", "--model", missing, "--checkpoint", missing);
        Assert.Equal(ExitCodes.UserError, both.ExitCode);
        Assert.Contains("--checkpoint is the old name of --model; give --model alone.", both.StdErr);
    }

    [Theory]
    [InlineData("trian", "Did you mean 'train'? Run `mlops --help` for the commands.")]
    [InlineData("runs lsit", "Did you mean 'list'? Run `mlops runs --help` for the commands.")]
    [InlineData("data remote ad", "Did you mean 'add'? Run `mlops data remote --help` for the commands.")]
    [InlineData("xyzzy", "Run `mlops --help` for the commands.")]
    [InlineData("ui --port 5051", "Run `mlops ui --help` for its options.")]
    public async Task A_mistyped_command_gets_the_nearest_one_and_a_bad_option_the_commands_help(string args, string hint)
    {
        var result = await Mlops(args.Split(' '));
        Assert.Equal(ExitCodes.UserError, result.ExitCode);
        Assert.Contains(hint, result.StdErr);
        UserErrorTests.AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Models_list_without_a_name_lists_the_registered_models()
    {
        var uri = "sqlite:" + Path.Combine(Dir, "mlops.db");
        await using (var store = TrackingStores.Open(uri))
        {
            await store.RegisterAsync("cola", Path.Combine(Dir, "a"), null, null, "test", DateTimeOffset.UtcNow);
            await store.RegisterAsync("cola", Path.Combine(Dir, "b"), null, null, "test", DateTimeOffset.UtcNow);
            await store.SetAliasAsync("cola", "champion", 1, "test", DateTimeOffset.UtcNow);
            await store.RegisterAsync("sst2", Path.Combine(Dir, "c"), null, null, "test", DateTimeOffset.UtcNow);
        }

        var result = await Mlops("models", "list", $"tracking.uri={uri}");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Matches(@"cola\s+│\s+2\s+│\s+2\s+│\s+champion -> 1", result.StdOut);
        Assert.Matches(@"sst2\s+│\s+1\s+│\s+1\s+│", result.StdOut);
    }

    [Fact]
    public async Task Serve_and_ui_on_a_port_in_use_name_the_key_that_chooses_another_and_exit_6()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var served = (await TinyModelFolder.ExportServedAsync(Dir)).Path;
        var uri = "sqlite:" + Path.Combine(Dir, "mlops.db");
        await using (TrackingStores.Open(uri))
        {
        }

        var serve = await Mlops("serve", $"serving.model_dir={served}", $"serving.port={port}", "serving.threads=1", "monitoring.enabled=false");
        var ui = await Mlops("ui", $"ui.port={port}", $"tracking.uri={uri}");

        Assert.True(serve.ExitCode == ExitCodes.IoError, serve.All);
        Assert.Contains("Choose another serving.port or serving.host", serve.StdErr);
        Assert.DoesNotContain("writable", serve.StdErr);
        Assert.True(ui.ExitCode == ExitCodes.IoError, ui.All);
        Assert.Contains("Choose another ui.port", ui.StdErr);
    }

    [Fact]
    public async Task Predict_on_onnx_without_an_export_offers_the_torch_engine_and_a_file_is_not_a_model_folder()
    {
        var model = await TinyModelAsync();
        var onnx = await Mlops("predict", "w1", "--model", model, "--engine", "onnx");
        Assert.Equal(ExitCodes.ModelError, onnx.ExitCode);
        Assert.Contains($"Export it with `mlops export --model {model}`, or run its trained weights with --engine torch.", onnx.StdErr);

        var file = Path.Combine(model, "model.safetensors");
        var wrong = await Mlops("predict", "w1", "--model", file);
        Assert.Equal(ExitCodes.ModelError, wrong.ExitCode);
        Assert.Contains($"'{file}' is a file, not a model folder.", wrong.StdErr);
        Assert.Contains($"name the folder, e.g. '{model}'", wrong.StdErr);
    }
}
