namespace Mlops.Cli.Tests;

/// <summary>Bad input gets one clear error line and a distinct non-zero exit code, never a stack trace.</summary>
public sealed class UserErrorTests : TempDirectoryTest
{
    private static void AssertNoStackTrace(MlopsProcess.Result result)
    {
        Assert.DoesNotContain("   at ", result.All);
        Assert.DoesNotContain("Unhandled exception", result.All);
    }

    private async Task<MlopsProcess.Result> Fails(int exitCode, params string[] args)
    {
        var result = await MlopsProcess.RunAsync(Dir, args);
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}: {result.All}");
        AssertNoStackTrace(result);
        return result;
    }

    [Fact]
    public async Task Unknown_dataset_names_the_choices()
    {
        var result = await Fails(3, "train", "data.name=colla");
        Assert.Contains("Unknown dataset 'colla'", result.StdErr);
        Assert.Contains("Did you mean 'cola'?", result.StdErr);
    }

    [Fact]
    public async Task Missing_data_folder_is_named()
    {
        var result = await Fails(3, "train", "data=cola", "data.dir=no-such-dir");
        Assert.Contains("'no-such-dir' does not exist", result.StdErr);
    }

    [Fact]
    public async Task Malformed_tsv_row_reports_file_and_line()
    {
        var data = Directory.CreateDirectory(Path.Combine(Dir, "cola")).FullName;
        File.WriteAllText(Path.Combine(data, "in_domain_train.tsv"), "a\t1\t\tFine.\na\t1\tbroken row\n");
        File.WriteAllText(Path.Combine(data, "in_domain_dev.tsv"), "a\t1\t\tFine.\n");
        File.WriteAllText(Path.Combine(data, "out_of_domain_dev.tsv"), "a\t0\t*\tBad.\n");
        var result = await Fails(3, "train", "data=cola", $"data.dir={data}");
        Assert.Contains("in_domain_train.tsv:2:", result.StdErr);
    }

    [Fact]
    public async Task Pretrained_folder_without_vocab_is_a_model_error()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Dir, "hf")).FullName;
        File.WriteAllText(Path.Combine(folder, "config.json"), """{"hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 2, "intermediate_size": 64}""");
        var result = await Fails(4, "train", $"model.pretrained={folder}");
        Assert.Contains("vocab.txt", result.StdErr);
    }

    [Fact]
    public async Task Resume_with_a_different_model_shape_is_refused_naming_the_key()
    {
        var first = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun, "mlops.run.dir=run"]);
        Assert.True(first.ExitCode == 0, first.All);
        var result = await Fails(5, "train", "--resume", "run", "model.hidden=64");
        Assert.Contains("model.hidden (32 -> 64)", result.StdErr);
    }

    [Fact]
    public async Task A_run_folder_that_cannot_be_created_is_one_line_naming_the_path()
    {
        File.WriteAllText(Path.Combine(Dir, "taken"), "a file, not a folder");
        var result = await Fails(6, ["train", .. MlopsProcess.QuickRun, "mlops.run.dir=taken/run"]);
        Assert.Contains("taken", result.StdErr);
        Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:"));
    }

    [Fact]
    public async Task Predict_without_a_model_says_how_to_get_one()
    {
        var result = await Fails(4, "predict", "Hello.");
        Assert.Contains("outputs/latest", result.StdErr);
        Assert.Contains("mlops train", result.StdErr);
    }

    [Fact]
    public async Task Out_of_range_value_names_the_key_and_the_range()
    {
        var result = await Fails(5, "train", "training.warmup_ratio=2");
        Assert.Contains("Invalid value at 'training.warmup_ratio'", result.StdErr);
        Assert.Contains("(override 'training.warmup_ratio=2')", result.StdErr);
        Assert.Contains("Expected a value in [0, 1).", result.StdErr);
    }

    [Fact]
    public async Task Mistyped_key_gets_did_you_mean()
    {
        var result = await Fails(5, "train", "training.lrr=1e-3");
        Assert.Contains("Could not override 'training.lrr'", result.StdErr);
        Assert.Contains("Did you mean 'training.lr'?", result.StdErr);
    }

    [Fact]
    public async Task Wrong_type_names_expected_and_actual()
    {
        var result = await Fails(5, "train", "training.lr=abc");
        Assert.Contains("Expected a float at 'training.lr', got the string 'abc'", result.StdErr);
    }

    [Fact]
    public async Task Missing_group_option_lists_the_available_ones()
    {
        var result = await Fails(5, "train", "model=bert-huge");
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
        var result = await Fails(5, "config", "show");
        Assert.Matches(@"YAML syntax error at configs/config\.yaml:\d+:\d+", result.StdErr);
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
        var result = await Fails(5, "train", "training.lr=[1e-4");
        Assert.Contains("Cannot parse override 'training.lr=[1e-4'", result.StdErr);
        Assert.Contains("^", result.StdErr);
    }

    [Fact]
    public async Task Unknown_option_is_a_user_error()
    {
        await Fails(2, "train", "--learning-rat", "1");
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
