namespace Mlops.Cli.Tests;

/// <summary>
/// Bad input gets one clear error line and a distinct non-zero exit code, never a stack trace. These errors are all
/// raised before any training starts, so they run in-process; <see cref="UserErrorProcessTests"/> keeps one real
/// process per exit code and the errors raised once training has begun.
/// </summary>
[Collection(InProcessMlops.Collection)]
public sealed class UserErrorTests : TempDirectoryTest
{
    internal static void AssertNoStackTrace(MlopsProcess.Result result)
    {
        Assert.DoesNotContain("   at ", result.All);
        Assert.DoesNotContain("Unhandled exception", result.All);
    }

    private async Task<MlopsProcess.Result> Fails(int exitCode, params string[] args)
    {
        var result = await InProcessMlops.RunAsync(args.Contains("--config-dir") ? args : [.. args, "--config-dir", InProcessMlops.ConfigDir]);
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}: {result.All}");
        AssertNoStackTrace(result);
        return result;
    }

    /// <summary><c>mlops train</c> with its run folder in this test's folder: nothing may land beside the test binaries.</summary>
    private Task<MlopsProcess.Result> TrainFails(int exitCode, params string[] overrides) =>
        Fails(exitCode, ["train", .. overrides, $"mlops.run.dir={Path.Combine(Dir, "run")}"]);

    [Fact]
    public async Task Unknown_dataset_names_the_choices()
    {
        var result = await TrainFails(3, "data.name=colla");
        Assert.Contains("Unknown dataset 'colla'", result.StdErr);
        Assert.Contains("Did you mean 'cola'?", result.StdErr);
    }

    [Fact]
    public async Task Predict_without_a_model_says_how_to_get_one()
    {
        var latest = Path.Combine(Dir, "outputs", "latest");
        var result = await Fails(4, "predict", "Hello.", $"serving.model_dir={latest}");
        Assert.Contains($"'{latest}' does not exist", result.StdErr);
        Assert.Contains("points outputs/latest at it", result.StdErr);
        Assert.Contains("mlops train", result.StdErr);
    }

    [Fact]
    public async Task Predict_output_needs_input()
    {
        var result = await Fails(2, "predict", "--output", "out.jsonl", "A sentence.");
        Assert.Contains("--output writes the predictions of --input FILE", result.All);
    }

    [Fact]
    public async Task Predict_refuses_an_output_format_it_cannot_write_before_loading_a_model()
    {
        var result = await Fails(2, "predict", "--input", "in.txt", "--output", "out.parquet", $"serving.model_dir={Dir}");
        Assert.Contains("Output file 'out.parquet' has extension '.parquet'", result.StdErr);
        Assert.Contains(".jsonl, .csv", result.StdErr);
    }

    [Fact]
    public async Task Export_names_the_one_quantisation_it_offers()
    {
        var result = await Fails(2, "export", "--quantize", "int4");
        Assert.Contains("--quantize 'int4' is not supported; the one choice is int8", result.All);
    }

    [Fact]
    public async Task Out_of_range_value_names_the_key_and_the_range()
    {
        var result = await TrainFails(5, "training.warmup_ratio=2");
        Assert.Contains("Invalid value at 'training.warmup_ratio'", result.StdErr);
        Assert.Contains("(override 'training.warmup_ratio=2')", result.StdErr);
        Assert.Contains("Expected a value in [0, 1).", result.StdErr);
    }

    [Fact]
    public async Task A_sweep_with_no_jobs_at_once_names_the_key_and_the_range_before_any_job_starts()
    {
        var sweep = Path.Combine(Dir, "sweep");
        var result = await Fails(5, "train", "-m", "training.seed=1,2", "launcher.parallelism=0", $"mlops.sweep.dir={sweep}");
        Assert.Contains("Invalid value at 'launcher.parallelism'", result.StdErr);
        Assert.Contains("Expected a value in [1, 256].", result.StdErr);
        Assert.False(Directory.Exists(sweep));
    }

    [Fact]
    public async Task An_unknown_monitored_metric_lists_the_ones_there_are_before_training()
    {
        var result = await TrainFails(5, "training.monitor=val_f1");
        Assert.Contains("training.monitor", result.StdErr);
        Assert.Contains("'val_f1' is not a validation metric", result.StdErr);
        Assert.Contains("val_f1_macro", result.StdErr);
        Assert.Contains("val_f1_weighted", result.StdErr);
        Assert.Contains("val_accuracy", result.StdErr);
        Assert.False(Directory.Exists(Path.Combine(Dir, "run", "model")));
    }

    [Fact]
    public async Task Mistyped_key_gets_did_you_mean()
    {
        var result = await TrainFails(5, "training.lrr=1e-3");
        Assert.Contains("Could not override 'training.lrr'", result.StdErr);
        Assert.Contains("Did you mean 'training.lr'?", result.StdErr);
    }

    [Fact]
    public async Task Wrong_type_names_expected_and_actual()
    {
        var result = await TrainFails(5, "training.lr=abc");
        Assert.Contains("Expected a float at 'training.lr', got the string 'abc'", result.StdErr);
    }

    [Fact]
    public async Task Missing_group_option_lists_the_available_ones()
    {
        var result = await TrainFails(5, "model=bert-huge");
        Assert.Contains("Could not find 'model/bert-huge'", result.StdErr);
        Assert.Contains("Valid options in 'model': minilm, tiny.", result.StdErr);
    }

    [Fact]
    public async Task Interpolation_cycle_is_reported()
    {
        var result = await Fails(5, "config", "show", "++a=${b}", "++b=${a}");
        Assert.Contains("Interpolation cycle: a -> b -> a", result.StdErr);
    }

    [Fact]
    public async Task Yaml_syntax_error_gives_file_line_and_column()
    {
        var configs = Directory.CreateDirectory(Path.Combine(Dir, "configs")).FullName;
        File.WriteAllText(Path.Combine(configs, "config.yaml"), "training:\n  lr: [1e-4\n");
        var result = await Fails(5, "config", "show", "--config-dir", configs);
        Assert.Matches($@"YAML syntax error at {System.Text.RegularExpressions.Regex.Escape(Path.Combine(configs, "config.yaml"))}:\d+:\d+", result.StdErr);
    }

    [Fact]
    public async Task A_config_of_another_layout_version_is_refused()
    {
        var result = await Fails(5, "config", "show", "mlops.config_version=2");
        Assert.Contains("config_version 2 is not the version this mlops reads (1); upgrade mlops.", result.StdErr);
    }

    [Fact]
    public async Task Malformed_override_points_at_the_column()
    {
        var result = await TrainFails(5, "training.lr=[1e-4");
        Assert.Contains("Cannot parse override 'training.lr=[1e-4'", result.StdErr);
        Assert.Contains("^", result.StdErr);
    }

    [Fact]
    public async Task A_config_error_in_any_job_of_a_multirun_fails_before_any_job_runs()
    {
        var sweep = Path.Combine(Dir, "sweep");
        var result = await Fails(5, "train", "-m", $"mlops.sweep.dir={sweep}", "training.lr=1e-4,abc");
        Assert.Contains("Expected a float at 'training.lr', got the string 'abc'", result.StdErr);
        Assert.False(Directory.Exists(sweep));
    }

    [Theory]
    [InlineData("--resume", "run", "--config-from", "run")]
    [InlineData("--resume", "run", "-m")]
    [InlineData("--fail-fast")]
    public async Task Contradicting_train_options_are_refused_before_anything_runs(params string[] options)
    {
        var result = await Fails(2, ["train", .. options]);
        Assert.Contains("error:", result.StdErr);
    }
}
