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
        Assert.True(File.Exists(repository.CachePath(folder.Outs[0].Md5)), "the folder manifest is in the cache");
        Assert.Empty(await workspace.StatusAsync(CancellationToken.None));

        var remote = await DvcRemotes.OpenAsync(repository, null, CancellationToken.None);
        Assert.Equal((4, 0), await workspace.PushAsync(remote, CancellationToken.None));
        Assert.Equal((0, 4), await workspace.PushAsync(remote, CancellationToken.None));
        Assert.True(File.Exists(Path.Combine(Store, "files", "md5", folder.Outs[0].Md5[..2], folder.Outs[0].Md5[2..])), "DVC 3's remote layout");

        Directory.Delete(Path.Combine(Project, "models"), recursive: true);
        Directory.Delete(Path.Combine(Project, ".dvc", "cache"), recursive: true);
        await File.WriteAllTextAsync(Path.Combine(Project, "train.csv"), "edited");
        Assert.Equal(["deleted", "modified"], (await workspace.StatusAsync(CancellationToken.None)).Select(s => s.State));

        Assert.Equal((4, 2), await workspace.PullAsync(remote, CancellationToken.None));
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
        await workspace.PushAsync(remote, CancellationToken.None);
        var manifest = DirManifest.Parse(await File.ReadAllBytesAsync(repository.CachePath(file.Outs[0].Md5)), "test");
        var damaged = manifest.Entries[0].Md5;
        await File.WriteAllTextAsync(repository.CachePath(damaged), "bit rot");

        Assert.Equal([damaged], await workspace.VerifyAsync(null, CancellationToken.None));
        Assert.Equal([damaged], await workspace.VerifyAsync(remote, CancellationToken.None));
        Assert.Empty(await workspace.VerifyAsync(null, CancellationToken.None));

        Directory.Delete(Path.Combine(Project, ".dvc", "cache"), recursive: true);
        Assert.Equal(3, await workspace.FetchAsync(remote, CancellationToken.None));
        Assert.Empty(await workspace.StatusAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_corrupt_remote_object_is_refused_and_a_missing_one_named()
    {
        var (repository, workspace) = await CreateAsync();
        var file = await workspace.AddAsync(Path.Combine(Project, "train.csv"), CancellationToken.None);
        var remote = await DvcRemotes.OpenAsync(repository, null, CancellationToken.None);
        await workspace.PushAsync(remote, CancellationToken.None);
        var md5 = file.Outs[0].Md5;
        var stored = Path.Combine(Store, "files", "md5", md5[..2], md5[2..]);
        await File.WriteAllTextAsync(stored, "tampered");
        Directory.Delete(Path.Combine(Project, ".dvc", "cache"), recursive: true);

        var corrupt = await Assert.ThrowsAsync<MlopsException>(() => workspace.PullAsync(remote, CancellationToken.None));
        Assert.Contains($"should have MD5 {md5}", corrupt.Message);
        Assert.False(File.Exists(repository.CachePath(md5)), "nothing corrupt lands in the cache");
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Project, ".dvc", "cache"), "*.tmp", SearchOption.AllDirectories));

        File.Delete(stored);
        var missing = await Assert.ThrowsAsync<MlopsException>(() => workspace.PullAsync(remote, CancellationToken.None));
        Assert.Contains($"has no object {md5}", missing.Message);
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
