using System.Diagnostics;
using Mlops.Versioning;

namespace Mlops.Cli.Tests;

/// <summary>
/// <c>mlops data push</c> and <c>pull</c> killed (SIGKILL) at random points of a transfer: no partial or corrupt object is
/// left under an object's name in the remote or the cache, no partial file in the workspace, and the rerun completes.
/// </summary>
public sealed class DataFaultTests : TempDirectoryTest
{
    private const int Files = 1500;

    private string Project => Path.Combine(Dir, "project");

    private async Task<Dictionary<string, byte[]>> CreateProjectAsync()
    {
        var random = new Random(17);
        var contents = new Dictionary<string, byte[]>();
        for (var i = 0; i < Files; i++)
        {
            var bytes = new byte[8192];
            random.NextBytes(bytes);
            var path = Path.Combine(Project, "data", $"{i % 20:D2}", $"{i}.bin");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, bytes);
            contents[path] = bytes;
        }
        await Mlops("data", "init");
        await Mlops("data", "add", "data");
        return contents;
    }

    private async Task Mlops(params string[] args)
    {
        var result = await MlopsProcess.RunAsync(Project, args);
        Assert.True(result.ExitCode == 0, result.All);
    }

    /// <summary>Starts <paramref name="args"/>, kills it after <paramref name="delay"/> (unless it ended), and waits for it.</summary>
    private async Task KillAfterAsync(TimeSpan delay, params string[] args)
    {
        using var process = Process.Start(MlopsProcess.StartInfo(Project, args))!;
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(delay)) != exited) process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>How long <paramref name="args"/> takes whole, so kills land inside it.</summary>
    private async Task<TimeSpan> TimeAsync(params string[] args)
    {
        var clock = Stopwatch.StartNew();
        await Mlops(args);
        return clock.Elapsed;
    }

    /// <summary>Every object under <paramref name="root"/> hashes to its name; returns how many there are.</summary>
    private static int AssertIntact(string root)
    {
        var objects = ObjectLayout.List(root).ToList();
        foreach (var item in objects) Assert.True(item.IsContentOf(item.PathIn(root), CancellationToken.None), $"{item.PathIn(root)} is partial or corrupt");
        return objects.Count;
    }

    [Fact]
    public async Task A_push_killed_at_random_points_leaves_only_whole_objects_in_the_remote_and_the_rerun_completes()
    {
        await CreateProjectAsync();
        var random = new Random(3);
        await Mlops("data", "remote", "add", "probe", "../probe");
        var whole = await TimeAsync("data", "push", "-r", "probe");
        var landedMidway = 0;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var store = $"../store{attempt}";
            await Mlops("data", "remote", "add", $"s{attempt}", store);
            await KillAfterAsync(whole * (0.3 + 0.6 * random.NextDouble()), "data", "push", "-r", $"s{attempt}");
            var count = AssertIntact(Path.Combine(Dir, $"store{attempt}"));
            if (count is > 0 and < Files + 1) landedMidway++;
            var rerun = await MlopsProcess.RunAsync(Project, "data", "push", "-r", $"s{attempt}");
            Assert.True(rerun.ExitCode == 0, rerun.All);
            Assert.Equal(Files + 1, AssertIntact(Path.Combine(Dir, $"store{attempt}")));
        }
        Assert.True(landedMidway > 0, "no kill landed in the middle of a push, so nothing was tested");
    }

    [Fact]
    public async Task A_pull_killed_at_random_points_leaves_no_partial_object_or_file_and_the_rerun_completes()
    {
        var contents = await CreateProjectAsync();
        await Mlops("data", "remote", "add", "--default", "storage", "../store");
        await Mlops("data", "push");
        var random = new Random(5);
        var cache = Path.Combine(Project, ".dvc", "cache");
        void LoseWorkspaceAndCache()
        {
            Directory.Delete(Path.Combine(Project, "data"), recursive: true);
            Directory.Delete(cache, recursive: true);
        }
        LoseWorkspaceAndCache();
        var whole = await TimeAsync("data", "pull");
        var landedMidway = 0;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            LoseWorkspaceAndCache();
            await KillAfterAsync(whole * (0.3 + 0.6 * random.NextDouble()), "data", "pull");
            var cached = AssertIntact(cache);
            var written = Directory.Exists(Path.Combine(Project, "data"))
                ? Directory.GetFiles(Path.Combine(Project, "data"), "*", SearchOption.AllDirectories)
                : [];
            foreach (var file in written) Assert.True(contents.TryGetValue(file, out var bytes) && bytes.SequenceEqual(File.ReadAllBytes(file)), $"{file} is partial or stray");
            if (cached is > 0 and < Files + 1 || written.Length is > 0 and < Files) landedMidway++;

            var rerun = await MlopsProcess.RunAsync(Project, "data", "pull");
            Assert.True(rerun.ExitCode == 0, rerun.All);
            Assert.Contains("in sync", (await MlopsProcess.RunAsync(Project, "data", "status")).StdOut);
        }
        Assert.True(landedMidway > 0, "no kill landed in the middle of a pull, so nothing was tested");
    }
}
