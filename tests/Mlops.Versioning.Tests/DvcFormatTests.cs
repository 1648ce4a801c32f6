using System.Text;
using Mlops.Core;

namespace Mlops.Versioning.Tests;

/// <summary>
/// DVC's formats, held to golden vectors from DVC's own test suite (iterative/dvc tests/func/test_add.py, test_diff.py,
/// test_data_cloud.py): file and folder hashes, the <c>.dir</c> manifest bytes, and <c>.dvc</c> files as DVC 3 writes them.
/// </summary>
public sealed class DvcFormatTests : TempDirectoryTest
{
    private static string Md5Of(string text) => Md5.Of(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Folder_hashes_match_dvcs_own_test_vectors()
    {
        // test_diff.py: {"file": "text"} is 0dab3fae...dir, its file 1cb251ec...; {"1": "1", "2": "2"} is 5fb6b298...dir.
        Assert.Equal("1cb251ec0d568de6a929b520c4aed8d1", Md5Of("text"));
        Assert.Equal("0dab3fae569586d4c33272e5011605bf.dir", DirManifest.Of([new("file", Md5Of("text"))]).Hash);
        Assert.Equal("5fb6b29836c388e093ca0715c872fe2a.dir", DirManifest.Of([new("2", Md5Of("2")), new("1", Md5Of("1"))]).Hash);
        // test_data_cloud.py: {"one": "one", "two": "two"} is 6b18131d...dir, its files f97c5d29... and b8a9f715....
        Assert.Equal("6b18131dc289fd37006705affe961ef8.dir", DirManifest.Of([new("two", Md5Of("two")), new("one", Md5Of("one"))]).Hash);
        Assert.Equal("f97c5d29941bfb1b2fdab0874906ab82", Md5Of("one"));
    }

    [Fact]
    public void The_manifest_is_written_as_pythons_json_dumps_writes_it()
    {
        var manifest = DirManifest.Of([new("b/é \"x\".txt", "22"), new("a", "11")]);
        Assert.Equal("[{\"md5\": \"11\", \"relpath\": \"a\"}, {\"md5\": \"22\", \"relpath\": \"b/\\u00e9 \\\"x\\\".txt\"}]", Encoding.ASCII.GetString(manifest.ToBytes()));
        Assert.Equal(manifest.Entries, DirManifest.Parse(manifest.ToBytes(), "test").Entries);
    }

    [Fact]
    public async Task A_dvc_file_is_written_as_dvc_3_writes_it_and_read_back()
    {
        // test_add.py: "foo" is acbd18db..., size 3, hash md5; DVC 3 writes md5, size, (nfiles), hash, path.
        var path = Path.Combine(Dir, "foo.dvc");
        var file = new DvcFile(path, [new DvcOut(Md5Of("foo"), 3, "foo")]);
        Assert.Equal("outs:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  size: 3\n  hash: md5\n  path: foo\n", file.ToText());
        var folder = new DvcFile(path, [new DvcOut("6b18131dc289fd37006705affe961ef8.dir", 6, "data", 2)]);
        Assert.Equal("outs:\n- md5: 6b18131dc289fd37006705affe961ef8.dir\n  size: 6\n  nfiles: 2\n  hash: md5\n  path: data\n", folder.ToText());
        await folder.WriteAsync(CancellationToken.None);
        Assert.Equal(folder.Outs, (await DvcFile.ReadAsync(path, CancellationToken.None)).Outs);
        Assert.Equal("  path: 'a: b'\n", new DvcFile(path, [new DvcOut("00", 1, "a: b")]).ToText().Split("hash: md5\n")[1]);
    }

    [Fact]
    public async Task A_dvc_2_file_with_a_working_dir_resolves_its_outputs_from_there()
    {
        // The course's dvcfiles/trained_model.dvc: DVC 2 (no hash: field), wdir: ../models.
        var folder = Directory.CreateDirectory(Path.Combine(Dir, "dvcfiles")).FullName;
        var path = Path.Combine(folder, "trained_model.dvc");
        await File.WriteAllTextAsync(path, "wdir: ../models\nouts:\n- md5: 0123456789abcdef0123456789abcdef\n  size: 17\n  path: model.onnx\n");
        var file = await DvcFile.ReadAsync(path, CancellationToken.None);
        Assert.Null(file.Outs[0].Hash);
        Assert.Equal(Path.Combine(Dir, "models", "model.onnx"), file.Resolve(file.Outs[0]));
    }

    [Fact]
    public async Task A_malformed_dvc_file_is_one_line_with_its_file_and_line()
    {
        var path = Path.Combine(Dir, "bad.dvc");
        await File.WriteAllTextAsync(path, "outs:\n- path: foo\n  size: 3\n");
        var error = await Assert.ThrowsAsync<MlopsException>(() => DvcFile.ReadAsync(path, CancellationToken.None));
        Assert.Equal($"{path}:2: output 'foo' has no 'md5' (run mlops data add foo).", error.Message);
        await File.WriteAllTextAsync(path, "outs: [\n");
        Assert.StartsWith($"{path}:", (await Assert.ThrowsAsync<MlopsException>(() => DvcFile.ReadAsync(path, CancellationToken.None))).Message);
    }

    [Fact]
    public async Task The_config_is_written_in_dvcs_ini_dialect_and_read_back()
    {
        var repository = await DvcRepository.InitAsync(Dir, CancellationToken.None);
        Assert.Equal("/config.local\n/tmp\n/cache\n", await File.ReadAllTextAsync(Path.Combine(Dir, ".dvc", ".gitignore")));
        // A relative folder (from the current directory) is stored relative to .dvc/, as dvc remote add does.
        var store = Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(Dir, "..", "store"));
        await DvcRemotes.AddAsync(repository, "storage", store, makeDefault: true, CancellationToken.None);
        await DvcRemotes.AddAsync(repository, "gdrive", "gdrive://1wOP0ld", makeDefault: false, CancellationToken.None);
        Assert.Equal("[core]\n    remote = storage\n['remote \"storage\"']\n    url = ../../store\n['remote \"gdrive\"']\n    url = gdrive://1wOP0ld\n",
            await File.ReadAllTextAsync(repository.ConfigPath));
        Assert.Equal([("storage", "../../store", true), ("gdrive", "gdrive://1wOP0ld", false)], await DvcRemotes.ListAsync(repository, CancellationToken.None));
        var unusable = await Assert.ThrowsAsync<MlopsException>(() => DvcRemotes.OpenAsync(repository, "gdrive", CancellationToken.None));
        Assert.Contains("Remote 'gdrive' is gdrive://1wOP0ld", unusable.Message);
        Assert.Contains("No remote 'nope'", (await Assert.ThrowsAsync<MlopsException>(() => DvcRemotes.OpenAsync(repository, "nope", CancellationToken.None))).Message);
    }
}
