using System.Diagnostics;
using Mlops.Versioning;

namespace Mlops.Cli.Tests;

/// <summary>
/// <c>mlops data push</c> and <c>pull</c> killed (SIGKILL) at random points of a transfer: no partial or corrupt object is
/// left under an object's name in the remote or the cache, no partial file in the workspace, and the rerun completes.
/// The process kills itself at a chosen object (<see cref="FaultInjection"/>) with the others in flight: a watcher outside
/// missed the transfer under CI load.
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

    /// <summary>Runs <paramref name="args"/> until it kills itself once <paramref name="at"/> objects of its transfer are done.</summary>
    private async Task KillAtAsync(int at, params string[] args)
    {
        var start = MlopsProcess.StartInfo(Project, args);
        start.Environment[FaultInjection.Variable] = at.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 137, $"{string.Join(' ', args)} was to be killed after {at} objects, but exited {process.ExitCode}");
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
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var store = Path.Combine(Dir, $"store{attempt}");
            await Mlops("data", "remote", "add", $"s{attempt}", store);
            var at = random.Next(Files / 10, 9 * Files / 10);
            await KillAtAsync(at, "data", "push", "-r", $"s{attempt}");
            Assert.InRange(AssertIntact(store), at, Files);
            var rerun = await MlopsProcess.RunAsync(Project, "data", "push", "-r", $"s{attempt}");
            Assert.True(rerun.ExitCode == 0, rerun.All);
            Assert.Equal(Files + 1, AssertIntact(store));
        }
    }

    [Fact]
    public async Task A_pull_killed_at_random_points_leaves_no_partial_object_or_file_and_the_rerun_completes()
    {
        var contents = await CreateProjectAsync();
        await Mlops("data", "remote", "add", "--default", "storage", "../store");
        await Mlops("data", "push");
        var random = new Random(5);
        var cache = Path.Combine(Project, ".dvc", "cache");
        for (var attempt = 0; attempt < 6; attempt++)
        {
            Directory.Delete(Path.Combine(Project, "data"), recursive: true);
            Directory.Delete(cache, recursive: true);
            // Killed while fetching into the cache, or while checking files out into the workspace (after the 1,501 fetched).
            var at = random.Next(Files / 10, 9 * Files / 10) + (attempt % 2 == 0 ? 0 : Files + 1);
            await KillAtAsync(at, "data", "pull");
            var cached = AssertIntact(cache);
            var written = Directory.Exists(Path.Combine(Project, "data")) ? Directory.GetFiles(Path.Combine(Project, "data"), "*", SearchOption.AllDirectories) : [];
            foreach (var file in written) Assert.True(contents.TryGetValue(file, out var bytes) && bytes.SequenceEqual(File.ReadAllBytes(file)), $"{file} is partial or stray");
            Assert.True(attempt % 2 == 0 ? cached < Files + 1 && written.Length == 0 : cached == Files + 1 && written.Length < Files,
                $"killed after {at}: cache {cached}, workspace {written.Length}");

            var rerun = await MlopsProcess.RunAsync(Project, "data", "pull");
            Assert.True(rerun.ExitCode == 0, rerun.All);
            Assert.Contains("in sync", (await MlopsProcess.RunAsync(Project, "data", "status")).StdOut);
        }
    }
}
