using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mlops.Cli.Tests;

/// <summary>
/// A model names the data version that trained it: training on a table tracked by <c>mlops data</c> in a git repository
/// records the <c>.dvc</c> file's hash and HEAD in the model card and the tracked run, a change is recorded as dirty with
/// a warning, and <c>mlops data pull --rev</c> of the recorded commit brings back the bytes the first model read.
/// </summary>
public sealed partial class DataVersionTrainingTests : TempDirectoryTest
{
    private const string Table = "data/train.csv";
    private const string NotReproducible = "cannot be reproduced from git alone";

    private string Project => Path.Combine(Dir, "repo");

    private Task<string> Git(params string[] args) => TestGit.RunAsync(Project, args);

    private async Task<MlopsProcess.Result> Mlops(params string[] args)
    {
        var result = await MlopsProcess.RunAsync(Project, args);
        Assert.True(result.ExitCode == 0, result.All);
        return result;
    }

    /// <summary>A two-class table of <paramref name="rows"/> rows, so each version of the file has other bytes.</summary>
    private Task WriteTableAsync(string path, int rows) =>
        File.WriteAllTextAsync(Path.Combine(Project, path),
            "text,label\n" + string.Concat(Enumerable.Range(0, rows).Select(i => i % 2 == 0 ? $"a fine sentence number {i},good\n" : $"sentence {i} the of broken,bad\n")));

    private Task<MlopsProcess.Result> TrainAsync(string run, string table = Table) =>
        Mlops(["train", .. MlopsProcess.QuickRun, "data=table", $"data.path={table}", "tracking=sqlite", $"mlops.run.dir={run}"]);

    private JsonElement Provenance(string run) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Project, run, "model", "mlops.json"))).RootElement.GetProperty("provenance").Clone();

    private string DvcMd5() => DvcHash().Match(File.ReadAllText(Path.Combine(Project, Table + ".dvc"))).Groups[1].Value;

    [Fact]
    public async Task The_card_and_the_run_name_the_dvc_hash_and_commit_and_pull_rev_brings_the_same_bytes_back()
    {
        Directory.CreateDirectory(Path.Combine(Project, "data"));
        await Git("init", "-q");
        await File.WriteAllTextAsync(Path.Combine(Project, ".gitignore"), "/outputs\n/cache\n/run-*\n");
        await Mlops("data", "init");
        await Mlops("data", "remote", "add", "--default", "storage", "../store");
        await WriteTableAsync(Table, 40);
        await Mlops("data", "add", Table);
        await Mlops("data", "push");
        await Git("add", "-A");
        await Git("commit", "-q", "-m", "data v1");
        var first = await Git("rev-parse", "HEAD");

        var clean = await TrainAsync("run-clean");
        var version = Assert.Single(Provenance("run-clean").GetProperty("data_versions").EnumerateArray());
        Assert.Equal(DvcMd5(), version.GetProperty("md5").GetString());
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(Path.Combine(Project, Table)))), version.GetProperty("md5").GetString());
        Assert.Equal(first, version.GetProperty("git_rev").GetString());
        Assert.Equal((Table, Table + ".dvc", false), (version.GetProperty("path").GetString(), version.GetProperty("dvc_file").GetString(), version.GetProperty("dirty").GetBoolean()));
        Assert.DoesNotContain(NotReproducible, clean.All);
        Assert.Contains($"mlops data pull --rev {first} brings it back", clean.All);

        var runs = await Mlops("runs", "list", "--filter", $"data_version.{Table}.dirty = false");
        var id = RunId().Match(runs.StdOut).Groups[1].Value;
        var show = await Mlops("runs", "show", "--run", id);
        foreach (var expected in new[] { $"data_version.{Table}.md5", DvcMd5(), $"data_version.{Table}.git_rev", first })
            Assert.Contains(expected, show.StdOut);

        await WriteTableAsync(Table, 50);
        var modified = await TrainAsync("run-modified");
        var dirty = Assert.Single(Provenance("run-modified").GetProperty("data_versions").EnumerateArray());
        Assert.True(dirty.GetProperty("dirty").GetBoolean());
        Assert.Equal((DvcMd5(), first), (dirty.GetProperty("md5").GetString(), dirty.GetProperty("git_rev").GetString()));
        Assert.Contains(NotReproducible, modified.All);
        Assert.Contains($"{Table} is modified since {Table}.dvc was written", modified.All);

        // The next version is committed and pushed; without a cache, the first model's commit pulls its bytes from the remote.
        await Mlops("data", "add", Table);
        await Mlops("data", "push");
        await Git("add", "-A");
        await Git("commit", "-q", "-m", "data v2");
        Assert.NotEqual(version.GetProperty("md5").GetString(), DvcMd5());
        Directory.Delete(Path.Combine(Project, ".dvc", "cache"), recursive: true);
        await Mlops("data", "pull", "--rev", version.GetProperty("git_rev").GetString()!);
        Assert.Equal(version.GetProperty("md5").GetString(), Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(Path.Combine(Project, Table)))));
    }

    [Fact]
    public async Task Untracked_data_records_no_data_version_and_warns_nothing_and_an_unreadable_dvc_file_only_warns()
    {
        Directory.CreateDirectory(Path.Combine(Project, "data"));
        await Git("init", "-q");
        await Mlops("data", "init");
        await WriteTableAsync("data/untracked.csv", 40);
        await WriteTableAsync(Table, 40);
        await Mlops("data", "add", Table);

        var train = await TrainAsync("run-untracked", "data/untracked.csv");

        Assert.False(Provenance("run-untracked").TryGetProperty("data_versions", out _), "no data_versions key for untracked data");
        Assert.DoesNotContain(NotReproducible, train.All);
        Assert.DoesNotContain("data_version.", (await Mlops("runs", "export", "--output", "runs.json")).All + File.ReadAllText(Path.Combine(Project, "runs.json")));

        // A .dvc file that cannot be read costs the model its data version and a warning naming the file, never the run.
        await File.WriteAllTextAsync(Path.Combine(Project, "data", "broken.dvc"), "outs:\n- path: x\n");
        var broken = await TrainAsync("run-broken");
        Assert.Contains("The model's data version cannot be told, so its card records none: ", broken.All);
        Assert.Contains("broken.dvc:2: output 'x' has no 'md5'", broken.All);
        Assert.False(Provenance("run-broken").TryGetProperty("data_versions", out _));
    }

    [GeneratedRegex(@"md5: ([0-9a-f]{32})")]
    private static partial Regex DvcHash();

    [GeneratedRegex(@"│ ([0-9a-f]{12}) ")]
    private static partial Regex RunId();
}
