namespace Mlops.Cli.Tests;

/// <summary><c>mlops config show</c> and <c>--cfg</c>: the composed config as a run would see it, without running. In-process.</summary>
[Collection(InProcessMlops.Collection)]
public sealed class ConfigCommandTests : TempDirectoryTest
{
    private static Task<MlopsProcess.Result> Mlops(params string[] args) =>
        InProcessMlops.RunAsync([.. args, "--config-dir", InProcessMlops.ConfigDir]);

    [Fact]
    public async Task Config_show_prints_the_choices_and_the_overridden_values()
    {
        var run = Path.Combine(Dir, "run");
        var result = await Mlops("config", "show", "model=minilm", "training.lr=3e-5", "++model.dropout=0.2", $"mlops.run.dir={run}");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("# choices: model=minilm, data=synthetic, training=default, tracking=sqlite, serving=default", result.StdOut);
        Assert.Contains("launcher=local", result.StdOut);
        Assert.Contains("  parallelism: 1", result.StdOut);
        Assert.Contains("  shape: minilm", result.StdOut);
        Assert.Contains("  lr: 3e-5", result.StdOut);
        Assert.Contains("  dropout: 0.2", result.StdOut);
        Assert.DoesNotContain("mlops:", result.StdOut);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public async Task Config_show_resolves_interpolations_unless_raw()
    {
        var resolved = await Mlops("config", "show", "--all", "--package", "mlops.run.dir");
        var raw = await Mlops("config", "show", "--raw", "--package", "mlops.run.dir");

        Assert.Matches(@"(?m)^outputs/\d{4}-\d{2}-\d{2}/\d{2}-\d{2}-\d{2}$", resolved.StdOut);
        Assert.Contains("outputs/${now:%Y-%m-%d}/${now:%H-%M-%S}", raw.StdOut);
    }

    [Fact]
    public async Task Cola_data_folder_defaults_to_null_when_its_environment_variable_is_unset()
    {
        // Process-wide, like the console: this collection runs alone, and child processes of other tests drop the variable anyway.
        var inherited = Environment.GetEnvironmentVariable("MLOPS_COLA_DIR");
        Environment.SetEnvironmentVariable("MLOPS_COLA_DIR", null);
        try
        {
            var result = await Mlops("config", "show", "data=cola", "-p", "data.dir");

            Assert.True(result.ExitCode == 0, result.All);
            Assert.EndsWith("\nnull\n", result.StdOut);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MLOPS_COLA_DIR", inherited);
        }
    }

    [Fact]
    public async Task The_table_dataset_binds_its_columns_and_seeds_its_split_with_the_training_seed()
    {
        var result = await Mlops("config", "show", "data=table", "data.path=issues.tsv", "data.text=[Title,Description]", "data.label=Area", "training.seed=7", "-p", "data");
        var typo = await Mlops("config", "show", "data=table", "data.path=issues.tsv", "data.column=Area");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("name: table", result.StdOut);
        Assert.Contains("path: issues.tsv", result.StdOut);
        Assert.Contains("text: [Title, Description]", result.StdOut);
        Assert.Contains("label: Area", result.StdOut);
        Assert.Contains("split_seed: 7", result.StdOut);
        Assert.Equal(5, typo.ExitCode);
    }

    [Fact]
    public async Task A_glue_task_composes_by_name_and_one_mlops_cannot_train_is_refused_before_any_download()
    {
        var mrpc = await Mlops("config", "show", "data=glue", "data.task=mrpc", "-p", "data");
        var mnli = await Mlops("config", "show", "data=glue", "data.task=mnli", "data.validation=validation_mismatched", "-p", "data");
        var stsb = await Mlops("config", "show", "data=glue", "data.task=stsb");

        Assert.True(mrpc.ExitCode == 0, mrpc.All);
        Assert.Contains("name: glue", mrpc.StdOut);
        Assert.Contains("task: mrpc", mrpc.StdOut);
        Assert.True(mnli.ExitCode == 0, mnli.All);
        Assert.Contains("validation: validation_mismatched", mnli.StdOut);
        Assert.Equal(5, stsb.ExitCode);
        Assert.Contains("'data.task'", stsb.StdErr);
        Assert.Contains("regression", stsb.StdErr);
    }

    [Fact]
    public async Task A_hub_dataset_binds_its_repository_subset_and_columns()
    {
        var result = await Mlops("config", "show", "data=hub", "data.repo=nyu-mll/glue", "data.subset=qnli", "data.text=[question]", "data.pair=sentence", "-p", "data");
        var missing = await Mlops("config", "show", "data=hub");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("repo: nyu-mll/glue", result.StdOut);
        Assert.Contains("subset: qnli", result.StdOut);
        Assert.Contains("pair: sentence", result.StdOut);
        Assert.Contains("train: train", result.StdOut);
        Assert.Equal(5, missing.ExitCode);
        Assert.Contains("data.repo", missing.StdErr);
    }

    [Fact]
    public async Task A_key_mlops_does_not_know_is_refused_with_its_file_and_line()
    {
        var configs = Directory.CreateDirectory(Path.Combine(Dir, "configs")).FullName;
        File.WriteAllText(Path.Combine(configs, "config.yaml"), "training:\n  lr: 1e-4\n  lr_schedule: cosine\n");

        var result = await InProcessMlops.RunAsync("config", "show", "--config-dir", configs);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains($"Unknown key 'training.lr_schedule' ({Path.Combine(configs, "config.yaml")}:3:16)", result.StdErr);
    }

    [Fact]
    public async Task Train_with_cfg_prints_and_does_not_train()
    {
        var run = Path.Combine(Dir, "run");
        var result = await Mlops("train", "--cfg", "training=fast", $"mlops.run.dir={run}");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("limit_train_batches: 20", result.StdOut);
        Assert.False(Directory.Exists(run));
    }
}
