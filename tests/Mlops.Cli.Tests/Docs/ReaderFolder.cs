using System.Diagnostics;
using System.Text.RegularExpressions;
using Mlops.Runs;

namespace Mlops.Cli.Tests.Docs;

/// <summary>
/// The folder a reader walks the pages in, as theirs would be by then: a git repository with three runs of the fast
/// recipe in the SQLite tracking store (the latest at <see cref="ExampleRun"/>, the run folder the pages name), a model
/// folder <c>models/</c> to version, and the input files the pages predict on (the repository's <c>examples/</c> too). The pages' example run ids stand for
/// these runs, as a reader puts their own ids in. <see cref="Reset"/> brings it back for the next page at the same
/// path, since the tracking store and the model cards record absolute paths.
/// </summary>
public sealed class ReaderFolder
{
    /// <summary>The run folder the pages name (<c>mlops train --config-from outputs/2026-11-25/12-13-58</c>).</summary>
    public const string ExampleRun = "outputs/2026-11-25/12-13-58";

    /// <summary>The pages' example run ids with the run folders they stand for here: the latest run first.</summary>
    private static readonly (string Id, string Folder)[] ExampleRuns =
        [("3f2a", ExampleRun), ("9c1d", "outputs/2026-11-24/16-40-12"), ("5e07", "outputs/2026-11-24/09-05-31")];

    private static readonly Regex ExampleIdPattern = new($@"\b({string.Join('|', ExampleRuns.Select(r => r.Id))})\b");

    /// <summary>The files the pages read as the reader's own (<c>mlops predict --input sentences.csv --column sentence</c>).</summary>
    private static readonly IReadOnlyDictionary<string, string> InputFiles = new Dictionary<string, string>
    {
        ["sentences.csv"] = "sentence\nthe dog sleeps.\ndog the sleeps.\n",
        ["in.csv"] = "sentence\nthe cat sat on the mat.\ncat the sat.\n",
        ["sentences.txt"] = "the dog sleeps.\ndog the sleeps.\n",
    };

    private readonly string _pristine;

    private ReaderFolder(string root, string pristine, IReadOnlyDictionary<string, string> runIds) =>
        (Root, _pristine, RunIds) = (root, pristine, runIds);

    /// <summary>The folder the commands run in.</summary>
    public string Root { get; }

    /// <summary>Each example run id of the pages and the id of the run it stands for here.</summary>
    public IReadOnlyDictionary<string, string> RunIds { get; }

    /// <summary>
    /// Prepares the folder at <paramref name="path"/>, and its pristine copy at <paramref name="pristine"/>. The runs
    /// train with the pages' own fast recipe (<c>training=fast</c>) for the latest, whose int8 export the pages show
    /// passing the parity gate, and with the unit-test shape for the other two.
    /// </summary>
    public static async Task<ReaderFolder> PrepareAsync(string path, string pristine)
    {
        Directory.CreateDirectory(path);
        var git = new ProcessStartInfo("git", ["init", "-q"]) { WorkingDirectory = path, RedirectStandardOutput = true, RedirectStandardError = true };
        Require(await MlopsProcess.RunAsync(git, TimeSpan.FromMinutes(1)), "git init");
        foreach (var (_, folder) in ExampleRuns.Reverse())
        {
            string[] recipe = folder == ExampleRun ? ["training=fast"] : MlopsProcess.QuickRun;
            Require(await MlopsProcess.RunAsync(path, ["train", .. recipe, "tracking=sqlite", $"mlops.run.dir={folder}"]), $"mlops train into {folder}");
        }
        var models = Directory.CreateDirectory(Path.Combine(path, "models")).FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(path, ExampleRun, "model")))
            File.Copy(file, Path.Combine(models, Path.GetFileName(file)));
        foreach (var (name, text) in InputFiles) await File.WriteAllTextAsync(Path.Combine(path, name), text);
        Copy(Path.Combine(RepositoryRoot.Find(), "examples"), Path.Combine(path, "examples"));
        Copy(path, pristine);
        var ids = ExampleRuns.ToDictionary(
            r => r.Id,
            r => RunFolder.Existing(Path.Combine(path, r.Folder)).TrackedRunId ?? throw new InvalidOperationException($"{r.Folder} recorded no tracked run."));
        return new ReaderFolder(path, pristine, ids);
    }

    /// <summary>The folder as it was prepared, whatever the last page did to it.</summary>
    public void Reset()
    {
        Directory.Delete(Root, recursive: true);
        Copy(_pristine, Root);
    }

    /// <summary><paramref name="command"/> with the pages' example run ids replaced by the ids of the runs they stand for here.</summary>
    public string Substitute(string command) => ExampleIdPattern.Replace(command, m => RunIds[m.Value]);

    private static void Require(MlopsProcess.Result result, string what)
    {
        if (result.ExitCode != 0) throw new InvalidOperationException($"Preparing the reader's folder: {what} exited {result.ExitCode}.\n{result.All}");
    }

    /// <summary>A folder's copy, its symbolic links (<c>outputs/latest</c>) kept as links.</summary>
    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is { } link) File.CreateSymbolicLink(target, link);
            else if (entry is DirectoryInfo folder) Copy(folder.FullName, target);
            else File.Copy(entry.FullName, target);
        }
    }
}
