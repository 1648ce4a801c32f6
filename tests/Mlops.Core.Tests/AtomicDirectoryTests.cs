using Mlops.Core;

namespace Mlops.Core.Tests;

public sealed class AtomicDirectoryTests : TempDirectoryTest
{
    private string Target => Path.Combine(Dir, "model");

    private static Func<string, Task> Files(params (string Name, string Text)[] files) => async staging =>
    {
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(staging, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, text);
        }
    };

    /// <summary>Every file under <paramref name="root"/> by relative path, with its bytes.</summary>
    private static SortedDictionary<string, byte[]> Snapshot(string root) =>
        new(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes), StringComparer.Ordinal);

    private string[] Siblings() => Directory.EnumerateFileSystemEntries(Dir).Select(Path.GetFileName).Order().ToArray()!;

    [Fact]
    public async Task First_write_creates_the_folder_with_the_filled_content()
    {
        await AtomicDirectory.WriteAsync(Path.Combine(Target, "nested"), Files(("a.txt", "one"), ("sub/b.txt", "two")));

        var written = Path.Combine(Target, "nested");
        Assert.Equal(["a.txt", Path.Combine("sub", "b.txt")], Snapshot(written).Keys);
        Assert.Equal("two", File.ReadAllText(Path.Combine(written, "sub", "b.txt")));
        Assert.Equal(["nested"], Directory.EnumerateFileSystemEntries(Target).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Second_write_replaces_the_whole_content()
    {
        await AtomicDirectory.WriteAsync(Target, Files(("kept.txt", "old"), ("only-old.txt", "gone soon"), ("old-sub/c.txt", "x")));

        await AtomicDirectory.WriteAsync(Target + Path.DirectorySeparatorChar, Files(("kept.txt", "new"), ("only-new.txt", "fresh")));

        Assert.Equal(["kept.txt", "only-new.txt"], Snapshot(Target).Keys);
        Assert.Empty(Directory.EnumerateDirectories(Target));
        Assert.Equal("new", File.ReadAllText(Path.Combine(Target, "kept.txt")));
        Assert.Equal(["model"], Siblings());
    }

    [Fact]
    public async Task A_failing_fill_leaves_the_previous_folder_byte_identical_and_no_staging_folder()
    {
        await AtomicDirectory.WriteAsync(Target, Files(("weights.bin", "previous weights"), ("sub/state.json", "{\"step\": 3}")));
        var before = Snapshot(Target);
        string? staging = null;

        var error = await Assert.ThrowsAsync<IOException>(() => AtomicDirectory.WriteAsync(Target, async folder =>
        {
            staging = folder;
            await Files(("weights.bin", "half of the new weig"))(folder);
            throw new IOException("disk full");
        }));

        Assert.Equal("disk full", error.Message);
        Assert.NotNull(staging);
        Assert.NotEqual(Path.GetFullPath(Target), Path.GetFullPath(staging));
        Assert.False(Directory.Exists(staging));
        Assert.Equal(before, Snapshot(Target));
        Assert.Equal(["model"], Siblings());
    }

    [Fact]
    public async Task A_cancelled_write_keeps_the_previous_folder()
    {
        await AtomicDirectory.WriteAsync(Target, Files(("a.txt", "previous")));
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicDirectory.WriteAsync(Target, async folder =>
        {
            await Files(("a.txt", "new"))(folder);
            await cancel.CancelAsync();
        }, cancel.Token));

        Assert.Equal("previous", File.ReadAllText(Path.Combine(Target, "a.txt")));
        Assert.Equal(["model"], Siblings());
    }

    [Fact]
    public async Task Staging_folders_left_by_a_dead_writer_are_removed_by_the_next_write()
    {
        await AtomicDirectory.WriteAsync(Target, Files(("a.txt", "one")));
        foreach (var stale in new[] { "model.staging-0badf00d", "model.staging-12345678" })
        {
            Directory.CreateDirectory(Path.Combine(Dir, stale, "sub"));
            File.WriteAllText(Path.Combine(Dir, stale, "sub", "half.bin"), "partial");
        }
        Directory.CreateDirectory(Path.Combine(Dir, "other.staging-0badf00d")); // another folder's staging is not ours to remove

        await AtomicDirectory.WriteAsync(Target, Files(("a.txt", "two")));

        Assert.Equal(["model", "other.staging-0badf00d"], Siblings());
        Assert.Equal("two", File.ReadAllText(Path.Combine(Target, "a.txt")));
    }

    [Fact]
    public void Recover_brings_back_the_previous_folder_when_the_target_is_missing()
    {
        Directory.CreateDirectory(Target + ".previous");
        File.WriteAllText(Path.Combine(Target + ".previous", "a.txt"), "previous");

        AtomicDirectory.Recover(Target);

        Assert.Equal("previous", File.ReadAllText(Path.Combine(Target, "a.txt")));
        Assert.Equal(["model"], Siblings());
    }

    [Fact]
    public void Recover_drops_the_previous_folder_when_the_target_exists()
    {
        Directory.CreateDirectory(Target);
        File.WriteAllText(Path.Combine(Target, "a.txt"), "current");
        Directory.CreateDirectory(Target + ".previous");
        File.WriteAllText(Path.Combine(Target + ".previous", "a.txt"), "previous");

        AtomicDirectory.Recover(Target);

        Assert.Equal("current", File.ReadAllText(Path.Combine(Target, "a.txt")));
        Assert.Equal(["model"], Siblings());
    }

    [Fact]
    public void Recover_without_a_previous_folder_changes_nothing()
    {
        AtomicDirectory.Recover(Target);
        Assert.Empty(Siblings());
    }

    [Fact]
    public async Task A_write_recovers_a_folder_left_aside_before_replacing_it()
    {
        Directory.CreateDirectory(Target + ".previous");
        File.WriteAllText(Path.Combine(Target + ".previous", "only-old.txt"), "previous");

        await AtomicDirectory.WriteAsync(Target, Files(("a.txt", "new")));

        Assert.Equal(["a.txt"], Snapshot(Target).Keys);
        Assert.Equal(["model"], Siblings());
    }
}
