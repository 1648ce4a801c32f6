using Mlops.Tracking;
using Mlops.Tracking.Sqlite;

namespace Mlops.Cli.Tests;

/// <summary>
/// User errors through the real program, as a script sees them: one error line, no stack trace, and the exit code of
/// each failure class (2 parsing, 3 data, 4 model, 5 config, 6 I/O) end to end. Also the errors raised once training
/// has started (seeding libtorch, loading data, building the model), which do not belong in the test process.
/// </summary>
public sealed class UserErrorProcessTests : TempDirectoryTest
{
    private async Task<MlopsProcess.Result> Fails(int exitCode, params string[] args)
    {
        var result = await MlopsProcess.RunAsync(Dir, args);
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}: {result.All}");
        UserErrorTests.AssertNoStackTrace(result);
        return result;
    }

    [Fact]
    public async Task Unknown_option_is_a_user_error()
    {
        await Fails(2, "train", "--learning-rat", "1");
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
        // As an interrupted run's state says: a finished run is refused before its settings are compared.
        var state = Path.Combine(Dir, "run", "last", "trainer_state.json");
        File.WriteAllText(state, File.ReadAllText(state).Replace("\"finished\": true", "\"finished\": false"));
        var result = await Fails(5, "train", "--resume", "run", "model.hidden=64");
        Assert.Contains("model.hidden (32 -> 64)", result.StdErr);
    }

    [Fact]
    public async Task Resume_of_a_finished_run_is_refused_in_one_line_and_touches_nothing()
    {
        var first = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun, "tracking=sqlite", "mlops.run.dir=run"]);
        Assert.True(first.ExitCode == 0, first.All);
        var latest = Path.Combine(Dir, "outputs", "latest");
        File.Delete(latest);
        File.CreateSymbolicLink(latest, "a-later-run");
        var run = Path.Combine(Dir, "run");
        Dictionary<string, (DateTime, string)> Files() => Directory.EnumerateFiles(run, "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => (File.GetLastWriteTimeUtc(f), Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))));
        var before = Files();

        var result = await Fails(5, "train", "--resume", "run");
        Assert.Contains("--resume run: the run finished", Assert.Single(result.StdErr.Split('\n'), l => l.StartsWith("error:")));
        Assert.Equal(before, Files());
        Assert.Equal("a-later-run", new FileInfo(latest).LinkTarget);
        await using var store = SqliteTrackingStore.Open(Path.Combine(Dir, "outputs", "mlops.db"));
        Assert.Single(await store.ListRunsAsync(new RunQuery()));

        Directory.Delete(Path.Combine(run, "last"), recursive: true);
        Assert.Contains("no resume point", (await Fails(4, "train", "--resume", "run")).StdErr);
    }

    [Fact]
    public async Task A_run_folder_that_cannot_be_created_is_one_line_naming_the_path()
    {
        File.WriteAllText(Path.Combine(Dir, "taken"), "a file, not a folder");
        var result = await Fails(6, ["train", .. MlopsProcess.QuickRun, "mlops.run.dir=taken/run"]);
        Assert.Contains("taken", result.StdErr);
        Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:"));
    }
}
