namespace Mlops.Cli.Tests;

/// <summary><c>mlops data</c> end to end from a subfolder of a project: init, remote, add a model folder, push, lose it, pull it back; and its one-line errors.</summary>
public sealed class DataCommandTests : TempDirectoryTest
{
    [Fact]
    public async Task A_model_folder_is_versioned_pushed_and_pulled_back_from_any_folder_of_the_project()
    {
        var project = Directory.CreateDirectory(Path.Combine(Dir, "project")).FullName;
        Directory.CreateDirectory(Path.Combine(project, "models", "cola"));
        await File.WriteAllTextAsync(Path.Combine(project, "models", "cola", "model.onnx"), "weights");
        Assert.Equal(0, (await MlopsProcess.RunAsync(project, "data", "init")).ExitCode);
        var remote = await MlopsProcess.RunAsync(project, "data", "remote", "add", "--default", "storage", "../store");
        Assert.True(remote.ExitCode == 0, remote.All);
        Assert.Contains("storage\t../../store\t(default)", (await MlopsProcess.RunAsync(project, "data", "remote", "list")).StdOut);

        var add = await MlopsProcess.RunAsync(project, "data", "add", "models");
        Assert.True(add.ExitCode == 0, add.All);
        Assert.Matches(@"Tracked models: [0-9a-f]{32}\.dir, 7 B in 1 files", add.StdOut);
        Assert.StartsWith("outs:\n- md5: ", await File.ReadAllTextAsync(Path.Combine(project, "models.dvc")));
        var subfolder = Directory.CreateDirectory(Path.Combine(project, "src")).FullName;
        Assert.Contains("Pushed 2 object(s) to storage", (await MlopsProcess.RunAsync(subfolder, "data", "push")).StdOut);
        Assert.True(Directory.Exists(Path.Combine(Dir, "store", "files", "md5")), "the remote is ../store from the project, as given");

        Directory.Delete(Path.Combine(project, "models"), recursive: true);
        Assert.Contains("deleted", (await MlopsProcess.RunAsync(project, "data", "status")).StdOut);
        var pull = await MlopsProcess.RunAsync(subfolder, "data", "pull");
        Assert.True(pull.ExitCode == 0, pull.All);
        Assert.Equal("weights", await File.ReadAllTextAsync(Path.Combine(project, "models", "cola", "model.onnx")));
        Assert.Contains("in sync", (await MlopsProcess.RunAsync(project, "data", "status")).StdOut);

        var cached = Directory.EnumerateFiles(Path.Combine(project, ".dvc", "cache"), "*", SearchOption.AllDirectories).First(f => !f.EndsWith(".dir"));
        await File.WriteAllTextAsync(cached, "bit rot");
        var verify = await MlopsProcess.RunAsync(project, "data", "verify");
        Assert.Equal(3, verify.ExitCode);
        Assert.Contains("corrupt", verify.StdOut);
        var repair = await MlopsProcess.RunAsync(project, "data", "verify", "--repair");
        Assert.Contains("repaired", repair.StdOut);
        // Markup renders (plain text in a pipe), never as literal tags.
        Assert.DoesNotContain("[red]", verify.StdOut + repair.StdOut);
        Assert.DoesNotContain("[/]", verify.StdOut + repair.StdOut);
        Assert.Contains("Every cached object matches its hash.", (await MlopsProcess.RunAsync(project, "data", "verify")).StdOut);
    }

    [Fact]
    public async Task An_earlier_model_version_is_pulled_back_by_its_git_tag()
    {
        var project = Directory.CreateDirectory(Path.Combine(Dir, "repo")).FullName;
        Task Git(params string[] args) => TestGit.RunAsync(project, args);
        async Task Mlops(params string[] args)
        {
            var result = await MlopsProcess.RunAsync(project, args);
            Assert.True(result.ExitCode == 0, result.All);
        }
        await Git("init", "-q");
        var model = Path.Combine(project, "models", "model.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(model)!);
        await Mlops("data", "init");
        await Mlops("data", "remote", "add", "--default", "storage", "../store");
        foreach (var version in new[] { "v1", "v2" })
        {
            await File.WriteAllTextAsync(model, $"weights {version}");
            await Mlops("data", "add", "models");
            await Mlops("data", "push");
            await Git("add", "-A");
            await Git("commit", "-q", "-m", $"model {version}");
            await Git("tag", version);
        }

        var pull = await MlopsProcess.RunAsync(project, "data", "pull", "--rev", "v1");
        Assert.True(pull.ExitCode == 0, pull.All);
        Assert.Equal("weights v1", await File.ReadAllTextAsync(model));
        Assert.Contains("now holds v1's data", pull.StdOut);
        Assert.Contains("modified", (await MlopsProcess.RunAsync(project, "data", "status")).StdOut);

        // gc keeps what the workspace names (v2), and with --all-tags v1 too; what it removes, --rev pulls back from the remote.
        Assert.Contains("Would remove 2 object(s)", (await MlopsProcess.RunAsync(project, "data", "gc", "--dry-run")).StdOut);
        Assert.Contains("Removed 0 object(s)", (await MlopsProcess.RunAsync(project, "data", "gc", "--all-tags")).StdOut);
        Assert.Contains("kept what the workspace and 2 revision(s) name", (await MlopsProcess.RunAsync(project, "data", "gc", "--all-branches", "--rev", "v1")).StdOut);
        Assert.Contains("Would remove 0 object(s) from storage", (await MlopsProcess.RunAsync(project, "data", "gc", "--all-tags", "--cloud", "--dry-run")).StdOut);
        Assert.Contains("Removed 2 object(s)", (await MlopsProcess.RunAsync(project, "data", "gc")).StdOut);
        var blind = await MlopsProcess.RunAsync(project, "data", "gc", "--all-tags");
        Assert.Equal(3, blind.ExitCode);
        Assert.Contains("is not in the cache, so its files cannot be told from garbage", blind.All);
        pull = await MlopsProcess.RunAsync(project, "data", "pull", "--rev", "v1");
        Assert.Contains("Fetched 2 object(s)", pull.StdOut);

        var unknown = await MlopsProcess.RunAsync(project, "data", "pull", "--rev", "v9");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("error: git ls-tree -r --name-only v9 -- . failed", unknown.All);
    }

    [Fact]
    public async Task Outside_a_project_with_an_unusable_remote_or_a_bad_dvc_file_each_is_one_line()
    {
        var none = await MlopsProcess.RunAsync(Dir, "data", "status");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("error: No DVC project here", none.All);

        await MlopsProcess.RunAsync(Dir, "data", "init");
        await MlopsProcess.RunAsync(Dir, "data", "remote", "add", "--default", "gdrive", "gdrive://1wOP0ld");
        var gdrive = await MlopsProcess.RunAsync(Dir, "data", "push");
        Assert.Equal(2, gdrive.ExitCode);
        Assert.Contains("error: Remote 'gdrive' is gdrive://1wOP0ld", gdrive.All);

        await File.WriteAllTextAsync(Path.Combine(Dir, "bad.dvc"), "outs:\n- path: x\n");
        var bad = await MlopsProcess.RunAsync(Dir, "data", "status");
        Assert.Equal(3, bad.ExitCode);
        Assert.Contains("bad.dvc:2: output 'x' has no 'md5'", bad.All);
        foreach (var result in new[] { none, gdrive, bad }) Assert.DoesNotContain("   at ", result.All);
    }
}
