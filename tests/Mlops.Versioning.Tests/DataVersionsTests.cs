namespace Mlops.Versioning.Tests;

/// <summary>
/// Which version of tracked data a path is, in a DVC project inside a git repository (one folder down, so git paths and
/// project paths differ): its .dvc file's hash, HEAD, and whether HEAD alone brings the same bytes back.
/// </summary>
public sealed class DataVersionsTests : TempDirectoryTest
{
    private string Project => Path.Combine(Dir, "project");

    private async Task<DataWorkspace> CreateAsync()
    {
        Directory.CreateDirectory(Path.Combine(Project, "data", "tables"));
        await File.WriteAllTextAsync(Path.Combine(Project, "data", "tables", "train.csv"), "text,label\ngood,1\n");
        await File.WriteAllTextAsync(Path.Combine(Project, "data", "tables", "validation.csv"), "text,label\nbad,0\n");
        await File.WriteAllTextAsync(Path.Combine(Project, "notes.txt"), "untracked");
        await TestGit.RunAsync(Dir, "init", "-q");
        return new DataWorkspace(await DvcRepository.InitAsync(Project, CancellationToken.None));
    }

    private static async Task<string> CommitAsync(string folder)
    {
        await TestGit.RunAsync(folder, "add", "-A");
        await TestGit.RunAsync(folder, "commit", "-q", "-m", "data");
        return await TestGit.RunAsync(folder, "rev-parse", "HEAD");
    }

    private static async Task<TrackedData> SingleAsync(params string[] paths) => Assert.Single(await DataVersions.OfAsync(paths, CancellationToken.None));

    [Fact]
    public async Task A_committed_tracked_file_names_its_dvc_hash_and_HEAD_and_is_clean()
    {
        var workspace = await CreateAsync();
        var train = Path.Combine(Project, "data", "tables", "train.csv");
        var dvc = await workspace.AddAsync(train, CancellationToken.None);
        var head = await CommitAsync(Dir);

        var found = await SingleAsync(train);

        Assert.Null(found.Change);
        Assert.Equal(new Core.DataVersion("data/tables/train.csv", dvc.Outs[0].Md5, "data/tables/train.csv.dvc", head, Dirty: false), found.Version);
        Assert.Equal(Md5.OfFile(train, dos2unix: false, CancellationToken.None), found.Version.Md5);
    }

    [Fact]
    public async Task A_file_inside_a_tracked_folder_is_the_folders_version_and_a_folder_read_names_each_output_inside_it_once()
    {
        var workspace = await CreateAsync();
        var folder = await workspace.AddAsync(Path.Combine(Project, "data"), CancellationToken.None);
        await CommitAsync(Dir);

        var found = await SingleAsync(Path.Combine(Project, "data", "tables", "train.csv"), Path.Combine(Project, "data", "tables", "validation.csv"));
        Assert.Equal(("data", folder.Outs[0].Md5, "data.dvc", false), (found.Version.Path, found.Version.Md5, found.Version.DvcFile, found.Version.Dirty));
        Assert.EndsWith(".dir", found.Version.Md5);

        Directory.Delete(Path.Combine(Project, ".dvc", "cache"), recursive: true);
        File.Delete(Path.Combine(Project, "data.dvc"));
        foreach (var split in new[] { "train.csv", "validation.csv" }) await workspace.AddAsync(Path.Combine(Project, "data", "tables", split), CancellationToken.None);
        Assert.Equal(["data/tables/train.csv", "data/tables/validation.csv"],
            (await DataVersions.OfAsync([Path.Combine(Project, "data") + Path.DirectorySeparatorChar], CancellationToken.None)).Select(f => f.Version.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Modified_data_is_dirty_and_says_so()
    {
        var workspace = await CreateAsync();
        var train = Path.Combine(Project, "data", "tables", "train.csv");
        var dvc = await workspace.AddAsync(train, CancellationToken.None);
        var head = await CommitAsync(Dir);
        await File.AppendAllTextAsync(train, "more,1\n");

        var found = await SingleAsync(train);

        Assert.Equal((dvc.Outs[0].Md5, head, true), (found.Version.Md5, found.Version.GitRev, found.Version.Dirty));
        Assert.StartsWith("data/tables/train.csv is modified since data/tables/train.csv.dvc was written", found.Change);
    }

    [Fact]
    public async Task A_dvc_file_not_committed_or_changed_since_the_commit_is_dirty()
    {
        var workspace = await CreateAsync();
        var train = Path.Combine(Project, "data", "tables", "train.csv");
        await CommitAsync(Dir);
        var added = await workspace.AddAsync(train, CancellationToken.None);
        var uncommitted = await SingleAsync(train);
        Assert.True(uncommitted.Version.Dirty);
        Assert.StartsWith("data/tables/train.csv.dvc is not committed", uncommitted.Change);

        var head = await CommitAsync(Dir);
        await File.AppendAllTextAsync(train, "more,1\n");
        var readded = await workspace.AddAsync(train, CancellationToken.None);
        var changed = await SingleAsync(train);
        Assert.NotEqual(added.Outs[0].Md5, readded.Outs[0].Md5);
        Assert.Equal((readded.Outs[0].Md5, head, true), (changed.Version.Md5, changed.Version.GitRev, changed.Version.Dirty));
        Assert.Equal($"data/tables/train.csv.dvc differs from the one committed at {head[..12]} (commit it)", changed.Change);
    }

    [Fact]
    public async Task Outside_git_a_tracked_file_has_no_revision_and_is_dirty()
    {
        Directory.CreateDirectory(Project);
        var file = Path.Combine(Project, "train.csv");
        await File.WriteAllTextAsync(file, "text,label\n");
        await new DataWorkspace(await DvcRepository.InitAsync(Project, CancellationToken.None)).AddAsync(file, CancellationToken.None);

        var found = await SingleAsync(file);

        Assert.Null(found.Version.GitRev);
        Assert.True(found.Version.Dirty);
        Assert.StartsWith("no git commit holds train.csv.dvc", found.Change);
    }

    [Fact]
    public async Task The_projects_dvc_files_are_found_in_any_subfolder_but_never_inside_its_dvc_or_git_folder()
    {
        var repository = await DvcRepository.InitAsync(Dir, CancellationToken.None);
        foreach (var file in new[] { ".dvc/cache/a.dvc", ".git/objects/b.dvc", "data/deep/c.dvc", "d.dvc", "data/e.dvc.txt" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Dir, file))!);
            await File.WriteAllTextAsync(Path.Combine(Dir, file), "outs: []\n");
        }

        Assert.Equal([Path.Combine(Dir, "d.dvc"), Path.Combine(Dir, "data", "deep", "c.dvc")], repository.DvcFiles());
    }

    [Fact]
    public async Task Untracked_missing_or_outside_any_project_paths_are_no_version()
    {
        var workspace = await CreateAsync();
        await workspace.AddAsync(Path.Combine(Project, "data", "tables", "train.csv"), CancellationToken.None);
        await CommitAsync(Dir);
        var outside = Path.Combine(Dir, "outside.csv");
        await File.WriteAllTextAsync(outside, "text,label\n");

        Assert.Empty(await DataVersions.OfAsync([Path.Combine(Project, "notes.txt"), Path.Combine(Project, "data", "tables", "validation.csv"),
            Path.Combine(Project, "missing.csv"), outside, ""], CancellationToken.None));
    }
}
