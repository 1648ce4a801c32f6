using Mlops.Core;

namespace Mlops.Versioning.Tests;

/// <summary>
/// An S3 remote against a real S3-compatible server (s3rver from npm, started by .ci/run on 127.0.0.1 with a bucket
/// <c>mlops-test</c>): push, bulk listing of what is there, pull into an empty workspace, and each failure as one line.
/// </summary>
public sealed class S3RemoteTests : TempDirectoryTest
{
    private static readonly string? Server = Environment.GetEnvironmentVariable("MLOPS_TEST_S3");

    private async Task<(DvcRepository Repository, DataWorkspace Workspace)> ProjectAsync(string endpoint, string accessKey = "S3RVER")
    {
        Prerequisite.Require(Server is not null, "No S3 server", "set MLOPS_TEST_S3=http://127.0.0.1:PORT with a bucket mlops-test (.ci/run starts s3rver from npm).");
        var project = Directory.CreateDirectory(Path.Combine(Dir, "project")).FullName;
        Directory.CreateDirectory(Path.Combine(project, "models", "cola"));
        await File.WriteAllTextAsync(Path.Combine(project, "models", "cola", "model.onnx"), "weights");
        await File.WriteAllTextAsync(Path.Combine(project, "models", "cola", "vocab.txt"), "[PAD]");
        var repository = await DvcRepository.InitAsync(project, CancellationToken.None);
        await DvcRemotes.AddAsync(repository, "storage", $"s3://mlops-test/{Guid.NewGuid():N}/dvc", makeDefault: true, CancellationToken.None);
        await DvcRemotes.ModifyAsync(repository, "storage", "endpointurl", endpoint, local: false, CancellationToken.None);
        await DvcRemotes.ModifyAsync(repository, "storage", "access_key_id", accessKey, local: true, CancellationToken.None);
        await DvcRemotes.ModifyAsync(repository, "storage", "secret_access_key", "S3RVER", local: true, CancellationToken.None);
        return (repository, new DataWorkspace(repository));
    }

    [SkippableFact]
    public async Task A_folder_is_pushed_listed_in_bulk_and_pulled_back()
    {
        var (repository, workspace) = await ProjectAsync(Server!);
        Assert.Contains("secret_access_key = S3RVER", await File.ReadAllTextAsync(repository.LocalConfigPath));
        Assert.DoesNotContain("secret", await File.ReadAllTextAsync(repository.ConfigPath));
        await workspace.AddAsync(Path.Combine(repository.Root, "models"), CancellationToken.None);
        var remote = await DvcRemotes.OpenAsync(repository, null, CancellationToken.None);
        Assert.Contains($"at {Server}; credentials: access keys", remote.Describe);

        Assert.Equal((3, 0), await workspace.PushAsync(remote, DataScope.Workspace, CancellationToken.None));
        Assert.Equal((0, 3), await workspace.PushAsync(remote, DataScope.Workspace, CancellationToken.None));
        Directory.Delete(Path.Combine(repository.Root, "models"), recursive: true);
        Directory.Delete(Path.Combine(repository.Root, ".dvc", "cache"), recursive: true);
        Assert.Equal((3, 1), await workspace.PullAsync(remote, DataScope.Workspace, CancellationToken.None));
        Assert.Equal("weights", await File.ReadAllTextAsync(Path.Combine(repository.Root, "models", "cola", "model.onnx")));
        Assert.Empty(await workspace.StatusAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task Listings_past_one_page_and_gc_of_the_remote_work_on_a_thousand_objects_and_more()
    {
        var (repository, workspace) = await ProjectAsync(Server!);
        var many = Directory.CreateDirectory(Path.Combine(repository.Root, "models", "shards")).FullName;
        for (var i = 0; i < 1100; i++) await File.WriteAllTextAsync(Path.Combine(many, $"{i}.txt"), $"shard {i}");
        await workspace.AddAsync(Path.Combine(repository.Root, "models"), CancellationToken.None);
        var remote = await DvcRemotes.OpenAsync(repository, null, CancellationToken.None);
        Assert.Equal((1103, 0), await workspace.PushAsync(remote, DataScope.Workspace, CancellationToken.None));
        // S3 lists 1,000 keys a page: a second push knows all 1,103 are there only if every page was read.
        Assert.Equal((0, 1103), await workspace.PushAsync(remote, DataScope.Workspace, CancellationToken.None));

        await File.WriteAllTextAsync(Path.Combine(many, "0.txt"), "shard 0, retrained");
        var current = await workspace.AddAsync(Path.Combine(repository.Root, "models"), CancellationToken.None);
        Assert.Equal((2, 1101), await workspace.PushAsync(remote, DataScope.Workspace, CancellationToken.None));
        var gc = await workspace.GcAsync([current], remote, dryRun: false, CancellationToken.None);
        Assert.Equal((2, 2), (gc.CacheObjects, gc.RemoteObjects));
        Assert.Equal(1103, (await remote.ListAsync(CancellationToken.None)).Count);
    }

    [SkippableFact]
    public async Task Bad_credentials_and_an_unreachable_endpoint_are_one_line_each()
    {
        var (repository, workspace) = await ProjectAsync(Server!, accessKey: "NOBODY");
        await workspace.AddAsync(Path.Combine(repository.Root, "models"), CancellationToken.None);
        var refused = await Assert.ThrowsAsync<MlopsException>(async () =>
            await workspace.PushAsync(await DvcRemotes.OpenAsync(repository, null, CancellationToken.None), DataScope.Workspace, CancellationToken.None));
        Assert.Contains("refused the credentials", refused.Message);

        await DvcRemotes.ModifyAsync(repository, "storage", "endpointurl", "http://127.0.0.1:9", local: false, CancellationToken.None);
        var away = await Assert.ThrowsAsync<MlopsException>(async () =>
            await workspace.PushAsync(await DvcRemotes.OpenAsync(repository, null, CancellationToken.None), DataScope.Workspace, CancellationToken.None));
        Assert.Contains("cannot be reached", away.Message);
    }
}
