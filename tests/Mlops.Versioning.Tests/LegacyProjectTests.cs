using System.Security.Cryptography;
using System.Text;

namespace Mlops.Versioning.Tests;

/// <summary>
/// A DVC 2 project like the course's: <c>dvcfiles/trained_model.dvc</c> with <c>wdir: ../models</c> and no <c>hash:</c>
/// field, whose objects DVC 2 pushed to the remote's root (<c>XX/REST</c>) under its dos2unix hashes. Read as DVC 3 reads
/// it: pulled, cached at <c>.dvc/cache/XX/REST</c>, checked and pushed in the same layout.
/// </summary>
public sealed class LegacyProjectTests : TempDirectoryTest
{
    private string Project => Path.Combine(Dir, "project");
    private string Store => Path.Combine(Dir, "store");

    private static readonly byte[] Model = [.. "ONNX"u8, 0, 1, 2, .. "\r\n"u8, 0xFF];
    private static readonly byte[] Vocab = "[PAD]\r\n[UNK]\r\nhello\r\n"u8.ToArray();

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    /// <summary>The project as DVC 2 left it: the .dvc file in git, the objects in the remote, nothing in the workspace.</summary>
    private async Task<(DvcRepository Repository, string ModelMd5, string VocabMd5)> CreateAsync()
    {
        var repository = await DvcRepository.InitAsync(Directory.CreateDirectory(Project).FullName, CancellationToken.None);
        await DvcRemotes.AddAsync(repository, "storage", Store, makeDefault: true, CancellationToken.None);
        var (modelMd5, vocabMd5) = (Hex(Model), Hex(Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(Vocab).Replace("\r\n", "\n"))));
        var manifest = DirManifest.Of([new("vocab.txt", vocabMd5)]);
        void Put(string md5, byte[] bytes)
        {
            var path = Path.Combine(Store, md5[..2], md5[2..]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }
        Put(modelMd5, Model);
        Put(vocabMd5, Vocab);
        Put(manifest.Hash, manifest.ToBytes());
        Directory.CreateDirectory(Path.Combine(Project, "dvcfiles"));
        await File.WriteAllTextAsync(Path.Combine(Project, "dvcfiles", "trained_model.dvc"),
            $"wdir: ../models\nouts:\n- md5: {modelMd5}\n  size: {Model.Length}\n  path: model.onnx\n" +
            $"- md5: {manifest.Hash}\n  size: {Vocab.Length}\n  nfiles: 1\n  path: tokenizer\n");
        return (repository, modelMd5, vocabMd5);
    }

    [Fact]
    public async Task The_courses_dvc_2_model_is_pulled_from_the_remote_root_and_kept_in_dvc_2s_cache_layout()
    {
        var (repository, modelMd5, vocabMd5) = await CreateAsync();
        var workspace = new DataWorkspace(repository);
        var remote = await DvcRemotes.OpenAsync(repository, null, CancellationToken.None);

        Assert.Equal((3, 2), await workspace.PullAsync(remote, DataScope.Workspace, CancellationToken.None));
        Assert.Equal(Model, await File.ReadAllBytesAsync(Path.Combine(Project, "models", "model.onnx")));
        Assert.Equal(Vocab, await File.ReadAllBytesAsync(Path.Combine(Project, "models", "tokenizer", "vocab.txt")));
        Assert.True(File.Exists(Path.Combine(Project, ".dvc", "cache", vocabMd5[..2], vocabMd5[2..])), "DVC 2's cache layout, as DVC 3 keeps it");
        Assert.False(Directory.Exists(Path.Combine(Project, ".dvc", "cache", "files")));
        Assert.Empty(await workspace.StatusAsync(CancellationToken.None));
        Assert.Empty(await workspace.VerifyAsync(null, CancellationToken.None));

        var mirror = Path.Combine(Dir, "mirror");
        await DvcRemotes.AddAsync(repository, "mirror", mirror, makeDefault: false, CancellationToken.None);
        Assert.Equal((3, 0), await workspace.PushAsync(await DvcRemotes.OpenAsync(repository, "mirror", CancellationToken.None), DataScope.Workspace,
            CancellationToken.None));
        Assert.Equal(Model, await File.ReadAllBytesAsync(Path.Combine(mirror, modelMd5[..2], modelMd5[2..])));
    }

    [Fact]
    public async Task One_file_of_a_dvc_2_folder_is_pulled_alone_through_wdir()
    {
        var (repository, _, _) = await CreateAsync();
        var workspace = new DataWorkspace(repository);
        var remote = await DvcRemotes.OpenAsync(repository, null, CancellationToken.None);

        var vocab = Path.Combine(Project, "models", "tokenizer", "vocab.txt");
        Assert.Equal((2, 1), await workspace.PullAsync(remote, new DataScope(Target: vocab), CancellationToken.None));
        Assert.Equal(Vocab, await File.ReadAllBytesAsync(vocab));
        Assert.False(File.Exists(Path.Combine(Project, "models", "model.onnx")), "only the target is pulled");
    }
}
