using Mlops.Core;

namespace Mlops.Versioning.Tests;

/// <summary>A project's whole round trip on real folders: add a model folder and a file, push to a folder remote, lose the workspace and the cache, pull them back.</summary>
public sealed class DataWorkspaceTests : TempDirectoryTest
{
    private string Project => Path.Combine(Dir, "project");
    private string Store => Path.Combine(Dir, "store");

    private async Task<(DvcRepository Repository, DataWorkspace Workspace)> CreateAsync()
    {
        Directory.CreateDirectory(Path.Combine(Project, "models", "cola", "tokenizer"));
        await File.WriteAllTextAsync(Path.Combine(Project, "models", "cola", "model.onnx"), "weights v1");
        await File.WriteAllTextAsync(Path.Combine(Project, "models", "cola", "tokenizer", "vocab.txt"), "[PAD]\n[UNK]\n");
        await File.WriteAllTextAsync(Path.Combine(Project, "train.csv"), "text,label\n");
        var repository = await DvcRepository.InitAsync(Project, CancellationToken.None);
        await DvcRemotes.AddAsync(repository, "storage", Store, makeDefault: true, CancellationToken.None);
        return (repository, new DataWorkspace(repository));
    }

    [Fact]
    public async Task Added_data_is_pushed_and_pulled_back_into_an_empty_workspace_and_cache()
    {
        var (repository, workspace) = await CreateAsync();
        var folder = await workspace.AddAsync(Path.Combine(Project, "models"), CancellationToken.None);
        await workspace.AddAsync(Path.Combine(Project, "train.csv"), CancellationToken.None);
        Assert.Equal(2, folder.Outs[0].NFiles);
        Assert.Equal("/models\n/train.csv\n", await File.ReadAllTextAsync(Path.Combine(Project, ".gitignore")));
        Assert.True(File.Exists(repository.CachePath(new DvcObject(folder.Outs[0].Md5))), "the folder manifest is in the cache");
        Assert.Empty(await workspace.StatusAsync(CancellationToken.None));

        var remote = await DvcRemotes.OpenAsync(repository, null, CancellationToken.None);
        Assert.Equal((4, 0), await workspace.PushAsync(remote, DataScope.Workspace, CancellationToken.None));
        Assert.Equal((0, 4), await workspace.PushAsync(remote, DataScope.Workspace, CancellationToken.None));
        Assert.True(File.Exists(Path.Combine(Store, "files", "md5", folder.Outs[0].Md5[..2], folder.Outs[0].Md5[2..])), "DVC 3's remote layout");

        Directory.Delete(Path.Combine(Project, "models"), recursive: true);
        Directory.Delete(Path.Combine(Project, ".dvc", "cache"), recursive: true);
        await File.WriteAllTextAsync(Path.Combine(Project, "train.csv"), "edited");
        Assert.Equal(["deleted", "modified"], (await workspace.StatusAsync(CancellationToken.None)).Select(s => s.State));

        Assert.Equal((4, 2), await workspace.PullAsync(remote, DataScope.Workspace, CancellationToken.None));
        Assert.Equal("weights v1", await File.ReadAllTextAsync(Path.Combine(Project, "models", "cola", "model.onnx")));
        Assert.Equal("text,label\n", await File.ReadAllTextAsync(Path.Combine(Project, "train.csv")));
        Assert.Empty(await workspace.StatusAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Hashes_are_remembered_by_size_and_mtime_and_a_same_size_edit_is_still_seen()
    {
        var (_, workspace) = await CreateAsync();
        await workspace.AddAsync(Path.Combine(Project, "models"), CancellationToken.None);
        var remembered = Path.Combine(Project, ".dvc", "tmp", "mlops-hashes.tsv");
        Assert.Equal(2, (await File.ReadAllLinesAsync(remembered)).Length);
        Assert.Empty(await workspace.StatusAsync(CancellationToken.None));

        var model = Path.Combine(Project, "models", "cola", "model.onnx");
        var written = File.GetLastWriteTimeUtc(model);
        await File.WriteAllTextAsync(model, "weights v2");
        File.SetLastWriteTimeUtc(model, written.AddSeconds(1));
        Assert.Equal("modified", Assert.Single(await workspace.StatusAsync(CancellationToken.None)).State);
    }

    [Fact]
    public async Task Verify_finds_a_corrupt_cache_object_and_fetches_it_again_from_the_remote()
    {
        var (repository, workspace) = await CreateAsync();
        var file = await workspace.AddAsync(Path.Combine(Project, "models"), CancellationToken.None);
        var remote = await DvcRemotes.OpenAsync(repository, null, CancellationToken.None);
        await workspace.PushAsync(remote, DataScope.Workspace, CancellationToken.None);
        var manifest = DirManifest.Parse(await File.ReadAllBytesAsync(repository.CachePath(new DvcObject(file.Outs[0].Md5))), "test");
        var damaged = manifest.Entries[0].Md5;
        await File.WriteAllTextAsync(repository.CachePath(new DvcObject(damaged)), "bit rot");

        Assert.Equal([new DvcObject(damaged)], await workspace.VerifyAsync(null, CancellationToken.None));
        Assert.Equal([new DvcObject(damaged)], await workspace.VerifyAsync(remote, CancellationToken.None));
        Assert.Empty(await workspace.VerifyAsync(null, CancellationToken.None));

        Directory.Delete(Path.Combine(Project, ".dvc", "cache"), recursive: true);
        Assert.Equal(3, await workspace.FetchAsync(remote, DataScope.Workspace, CancellationToken.None));
        Assert.Empty(await workspace.StatusAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_corrupt_folder_manifest_is_verified_like_any_object_repaired_from_the_remote_and_fetched_again_by_pull()
    {
        var (repository, workspace) = await CreateAsync();
        var folder = await workspace.AddAsync(Path.Combine(Project, "models"), CancellationToken.None);
        var remote = await DvcRemotes.OpenAsync(repository, null, CancellationToken.None);
        await workspace.PushAsync(remote, DataScope.Workspace, CancellationToken.None);
        var manifest = new DvcObject(folder.Outs[0].Md5);
        await File.WriteAllTextAsync(repository.CachePath(manifest), "not a manifest");

        Assert.Equal([manifest], await workspace.VerifyAsync(null, CancellationToken.None));
        Assert.Equal([manifest], await workspace.VerifyAsync(remote, CancellationToken.None));
        Assert.Empty(await workspace.VerifyAsync(null, CancellationToken.None));

        // A list that parses but is not the folder's (here: empty), and a file whose bytes rotted: both fail their hash.
        await File.WriteAllTextAsync(repository.CachePath(manifest), "[]");
        var model = DirManifest.Parse(await File.ReadAllBytesAsync(manifest.PathIn(Store)), "remote").Entries.Single(e => e.RelPath == "cola/model.onnx");
        await File.WriteAllTextAsync(repository.CachePath(new DvcObject(model.Md5)), "bit rot");
        Directory.Delete(Path.Combine(Project, "models"), recursive: true);
        Assert.Equal((2, 1), await workspace.PullAsync(remote, DataScope.Workspace, CancellationToken.None));
        Assert.Equal("weights v1", await File.ReadAllTextAsync(Path.Combine(Project, "models", "cola", "model.onnx")));
        Assert.Empty(await workspace.StatusAsync(CancellationToken.None));
        Assert.Empty(await workspace.VerifyAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task A_corrupt_remote_object_is_refused_and_a_missing_one_named()
    {
        var (repository, workspace) = await CreateAsync();
        var file = await workspace.AddAsync(Path.Combine(Project, "train.csv"), CancellationToken.None);
        var remote = await DvcRemotes.OpenAsync(repository, null, CancellationToken.None);
        await workspace.PushAsync(remote, DataScope.Workspace, CancellationToken.None);
        var md5 = file.Outs[0].Md5;
        var stored = Path.Combine(Store, "files", "md5", md5[..2], md5[2..]);
        await File.WriteAllTextAsync(stored, "tampered");
        Directory.Delete(Path.Combine(Project, ".dvc", "cache"), recursive: true);

        var corrupt = await Assert.ThrowsAsync<MlopsException>(() => workspace.PullAsync(remote, DataScope.Workspace, CancellationToken.None));
        Assert.Contains($"should have MD5 {md5}", corrupt.Message);
        Assert.False(File.Exists(repository.CachePath(new DvcObject(md5))), "nothing corrupt lands in the cache");
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Project, ".dvc", "cache"), "*.tmp", SearchOption.AllDirectories));

        File.Delete(stored);
        var missing = await Assert.ThrowsAsync<MlopsException>(() => workspace.PullAsync(remote, DataScope.Workspace, CancellationToken.None));
        Assert.Contains($"has no object {md5}", missing.Message);
    }

    [Fact]
    public async Task One_file_of_a_tracked_folder_is_pushed_and_pulled_alone()
    {
        var (repository, workspace) = await CreateAsync();
        await workspace.AddAsync(Path.Combine(Project, "models"), CancellationToken.None);
        var remote = await DvcRemotes.OpenAsync(repository, null, CancellationToken.None);
        var model = Path.Combine(Project, "models", "cola", "model.onnx");
        Assert.Equal((2, 0), await workspace.PushAsync(remote, new DataScope(Target: model), CancellationToken.None));
        Assert.Equal((1, 2), await workspace.PushAsync(remote, new DataScope(Target: Path.Combine(Project, "models.dvc")), CancellationToken.None));

        Directory.Delete(Path.Combine(Project, "models"), recursive: true);
        Directory.Delete(Path.Combine(Project, ".dvc", "cache"), recursive: true);
        Assert.Equal((2, 1), await workspace.PullAsync(remote, new DataScope(Target: model), CancellationToken.None));
        Assert.Equal("weights v1", await File.ReadAllTextAsync(model));
        Assert.False(Directory.Exists(Path.Combine(Project, "models", "cola", "tokenizer")), "only the target is pulled");
        Assert.Equal((1, 1), await workspace.PullAsync(remote, DataScope.Workspace, CancellationToken.None));
        Assert.Empty(await workspace.StatusAsync(CancellationToken.None));

        var untracked = await Assert.ThrowsAsync<MlopsException>(() => workspace.PullAsync(remote, new DataScope(Target: Path.Combine(Project, "train.csv")), CancellationToken.None));
        Assert.Contains("'" + Path.Combine(Project, "train.csv") + "' is not tracked", untracked.Message);
    }

    [Fact]
    public async Task Gc_removes_what_no_kept_dvc_file_names_from_the_cache_and_the_remote()
    {
        var (repository, workspace) = await CreateAsync();
        var v1 = await workspace.AddAsync(Path.Combine(Project, "models"), CancellationToken.None);
        var remote = await DvcRemotes.OpenAsync(repository, null, CancellationToken.None);
        await workspace.PushAsync(remote, DataScope.Workspace, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(Project, "models", "cola", "model.onnx"), "weights v2, longer");
        var v2 = await workspace.AddAsync(Path.Combine(Project, "models"), CancellationToken.None);
        await workspace.PushAsync(remote, DataScope.Workspace, CancellationToken.None);
        var stale = Path.Combine(repository.CacheDir, "files", "md5", "ab", "cdef.0123.tmp");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        await File.WriteAllTextAsync(stale, "left by a killed transfer");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddDays(-1));
        var workspaceFiles = new List<DvcFile> { v2 };

        // v1's manifest and model are garbage; the tokenizer is shared with v2 and stays.
        var dry = await workspace.GcAsync(workspaceFiles, remote, dryRun: true, CancellationToken.None);
        Assert.Equal(new DataWorkspace.GcReport(2, "weights v1".Length + v1Manifest().Length, 1, 2), dry);
        string v1Manifest() => File.ReadAllText(repository.CachePath(new DvcObject(v1.Outs[0].Md5)));
        Assert.True(File.Exists(repository.CachePath(new DvcObject(v1.Outs[0].Md5))), "a dry run removes nothing");

        Assert.Equal(dry, await workspace.GcAsync(workspaceFiles, remote, dryRun: false, CancellationToken.None));
        Assert.False(File.Exists(repository.CachePath(new DvcObject(v1.Outs[0].Md5))));
        Assert.False(File.Exists(stale));
        Assert.Empty(await workspace.StatusAsync(CancellationToken.None));
        Assert.Equal(3, (await remote.ListAsync(CancellationToken.None)).Count);
        Assert.Equal(new DataWorkspace.GcReport(0, 0, 0, 0), await workspace.GcAsync(workspaceFiles, remote, dryRun: false, CancellationToken.None));

        // Keeping v1 (a tag, say) whose folder list is gone: refused, since its files cannot be told from garbage.
        var refused = await Assert.ThrowsAsync<MlopsException>(() => workspace.GcAsync([v1, v2], null, dryRun: false, CancellationToken.None));
        Assert.Contains("is not in the cache", refused.Message);
    }

    [Fact]
    public async Task Paths_outside_the_project_and_projects_that_do_not_exist_are_one_line_each()
    {
        var (_, workspace) = await CreateAsync();
        Assert.Contains("is outside the DVC project", (await Assert.ThrowsAsync<MlopsException>(() => workspace.AddAsync(Dir, CancellationToken.None))).Message);
        Assert.Contains("does not exist", (await Assert.ThrowsAsync<MlopsException>(() => workspace.AddAsync(Path.Combine(Project, "nope"), CancellationToken.None))).Message);
        Assert.Contains("No DVC project here", Assert.Throws<MlopsException>(() => DvcRepository.Find(Dir)).Message);
    }
}
