using System.IO.Enumeration;
using Mlops.Core;

namespace Mlops.Versioning;

/// <summary>
/// A DVC project: the folder holding <c>.dvc/</c>, its config, and its cache of content-addressed objects at
/// <c>.dvc/cache/files/md5/XX/REST</c> (DVC 3's layout; DVC 2's objects at <c>.dvc/cache/XX/REST</c>), which DVC itself reads and writes.
/// </summary>
public sealed class DvcRepository
{
    public const string DvcDir = ".dvc";

    private DvcRepository(string root) => Root = root;

    public string Root { get; }
    public string ConfigPath => Path.Combine(Root, DvcDir, "config");
    public string LocalConfigPath => Path.Combine(Root, DvcDir, "config.local");
    public string CacheDir => Path.Combine(Root, DvcDir, "cache");

    /// <summary><c>.dvc/tmp/</c>: git-ignored state (the hash cache) and files in flight.</summary>
    public string TempDir => Path.Combine(Root, DvcDir, "tmp");

    /// <summary>Where <paramref name="item"/> (a file's hash, or a folder's with <c>.dir</c>) sits in the cache.</summary>
    public string CachePath(DvcObject item) => item.PathIn(CacheDir);

    /// <summary>The project that holds <paramref name="start"/> (it or the nearest parent with a <c>.dvc</c> folder).</summary>
    public static DvcRepository Find(string start) =>
        TryFind(start) ?? throw new MlopsException($"No DVC project here: neither {Path.GetFullPath(start)} nor a folder above it has a {DvcDir} folder.",
            "Start one at the top of the git repository: mlops data init.", ExitCodes.UserError);

    /// <summary>The project that holds <paramref name="start"/>, or null when neither it nor a folder above it has a <c>.dvc</c> folder.</summary>
    public static DvcRepository? TryFind(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, DvcDir))) return new DvcRepository(dir.FullName);
        return null;
    }

    /// <summary>Creates <c>.dvc/</c> in <paramref name="root"/> as <c>dvc init</c> does (config, and a .gitignore for the cache, tmp and local config).</summary>
    public static async Task<DvcRepository> InitAsync(string root, CancellationToken cancellationToken)
    {
        var dvc = Path.Combine(Path.GetFullPath(root), DvcDir);
        if (Directory.Exists(dvc))
            throw new MlopsException($"{dvc} already exists: this is a DVC project already.", "Use it as it is (mlops data status).", ExitCodes.UserError);
        Directory.CreateDirectory(dvc);
        await AtomicFile.WriteAllTextAsync(Path.Combine(dvc, ".gitignore"), "/config.local\n/tmp\n/cache\n", cancellationToken);
        await AtomicFile.WriteAllTextAsync(Path.Combine(dvc, "config"), "", cancellationToken);
        return new DvcRepository(Path.GetFullPath(root));
    }

    /// <summary>The full path of <paramref name="path"/>, refused in one line when it is outside the project.</summary>
    public string Inside(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Root, full);
        if (relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            throw new MlopsException($"'{path}' is outside the DVC project at {Root}.", "Track files and folders inside the project.", ExitCodes.UserError);
        if (relative.Split(Path.DirectorySeparatorChar)[0] is DvcDir or ".git")
            throw new MlopsException($"'{path}' is inside {relative.Split(Path.DirectorySeparatorChar)[0]}/, which DVC never tracks.", null, ExitCodes.UserError);
        return full;
    }

    /// <summary>Every <c>.dvc</c> file of the project (not under <c>.dvc/</c> or <c>.git/</c>), in path order.</summary>
    /// <remarks>Never walks into <c>.dvc/</c> or <c>.git/</c>: a cache of a million objects costs nothing to skip.</remarks>
    public IEnumerable<string> DvcFiles() =>
        new FileSystemEnumerable<string>(Root, (ref entry) => entry.ToFullPath(), new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
        {
            ShouldIncludePredicate = (ref entry) => !entry.IsDirectory && entry.FileName.EndsWith(DvcFile.Extension, StringComparison.Ordinal),
            ShouldRecursePredicate = (ref entry) => !(entry.FileName is DvcDir or ".git" && Path.TrimEndingDirectorySeparator(entry.Directory).Length == Root.Length),
        }.Order(StringComparer.Ordinal);

    /// <summary>Every <c>.dvc</c> file of the workspace, read (<see cref="DvcFiles"/>).</summary>
    public async Task<IReadOnlyList<DvcFile>> ReadDvcFilesAsync(CancellationToken cancellationToken)
    {
        var files = new List<DvcFile>();
        foreach (var path in DvcFiles()) files.Add(await DvcFile.ReadAsync(path, cancellationToken));
        return files;
    }
}
