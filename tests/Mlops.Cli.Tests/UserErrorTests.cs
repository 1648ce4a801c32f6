namespace Mlops.Cli.Tests;

/// <summary>Bad input gets one clear error line and a distinct non-zero exit code, never a stack trace.</summary>
public sealed class UserErrorTests : TempDirectoryTest
{
    private static void AssertNoStackTrace(MlopsProcess.Result result)
    {
        Assert.DoesNotContain("   at ", result.All);
        Assert.DoesNotContain("Unhandled exception", result.All);
    }

    [Fact]
    public async Task Unknown_dataset_names_the_choices()
    {
        var result = await MlopsProcess.RunAsync(Dir, "train", "--dataset", "colla");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Unknown dataset 'colla'", result.StdErr);
        Assert.Contains("Did you mean 'cola'?", result.StdErr);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Missing_data_folder_is_named()
    {
        var result = await MlopsProcess.RunAsync(Dir, "train", "--dataset", "cola", "--data-dir", "no-such-dir");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("'no-such-dir' does not exist", result.StdErr);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Malformed_tsv_row_reports_file_and_line()
    {
        var data = Directory.CreateDirectory(Path.Combine(Dir, "cola")).FullName;
        File.WriteAllText(Path.Combine(data, "in_domain_train.tsv"), "a\t1\t\tFine.\na\t1\tbroken row\n");
        File.WriteAllText(Path.Combine(data, "in_domain_dev.tsv"), "a\t1\t\tFine.\n");
        File.WriteAllText(Path.Combine(data, "out_of_domain_dev.tsv"), "a\t0\t*\tBad.\n");
        var result = await MlopsProcess.RunAsync(Dir, "train", "--dataset", "cola", "--data-dir", data);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("in_domain_train.tsv:2:", result.StdErr);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Pretrained_folder_without_vocab_is_a_model_error()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Dir, "hf")).FullName;
        File.WriteAllText(Path.Combine(folder, "config.json"), """{"hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 2, "intermediate_size": 64}""");
        var result = await MlopsProcess.RunAsync(Dir, "train", "--pretrained", folder);
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("vocab.txt", result.StdErr);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Predict_without_a_model_says_how_to_get_one()
    {
        var result = await MlopsProcess.RunAsync(Dir, "predict", "--model", "missing-model", "Hello.");
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("mlops train", result.StdErr);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Invalid_option_value_is_a_user_error()
    {
        var result = await MlopsProcess.RunAsync(Dir, "train", "--warmup", "2");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("warmup ratio", result.StdErr);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Unknown_option_is_a_user_error()
    {
        var result = await MlopsProcess.RunAsync(Dir, "train", "--learning-rat", "1");
        Assert.Equal(2, result.ExitCode);
        AssertNoStackTrace(result);
    }
}
