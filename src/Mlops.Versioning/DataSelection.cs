using Mlops.Core;

namespace Mlops.Versioning;

/// <summary>
/// A tracked output a command works on, or part of one: <see cref="Within"/> narrows a folder output to one file or
/// subfolder (<c>mlops data pull models/model.onnx</c> from a tracked <c>models/</c>), as DVC's granular targets do.
/// </summary>
public sealed record DataSelection(DvcFile File, DvcOut Output, string? Within = null)
{
    /// <summary>Whether the folder entry at <paramref name="relPath"/> is selected.</summary>
    public bool Includes(string relPath) =>
        Within is null || relPath == Within || relPath.StartsWith(Within + "/", StringComparison.Ordinal);

    /// <summary>
    /// What <paramref name="target"/> (a tracked path, a folder holding tracked paths, a file inside a tracked folder,
    /// or a <c>.dvc</c> file) selects among <paramref name="files"/>' outputs; all of them when there is no target.
    /// </summary>
    public static IReadOnlyList<DataSelection> Of(DvcRepository repository, IReadOnlyList<DvcFile> files, string? target)
    {
        if (target is null) return [.. files.SelectMany(f => f.Outs.Select(o => new DataSelection(f, o)))];
        var selected = Covering(files, repository.Inside(target).TrimEnd(Path.DirectorySeparatorChar));
        return selected.Count > 0
            ? selected
            : throw new MlopsException($"'{target}' is not tracked: no .dvc file names it, a folder above it, or a path inside it.",
                "List what is tracked with mlops data status, or add it with mlops data add PATH.", ExitCodes.UserError);
    }

    /// <summary>
    /// The outputs among <paramref name="files"/>' that <paramref name="full"/> (a full path) names: the output itself,
    /// its <c>.dvc</c> file, a folder holding outputs, or a file or subfolder inside a folder output; none when nothing tracks it.
    /// </summary>
    public static IReadOnlyList<DataSelection> Covering(IReadOnlyList<DvcFile> files, string full)
    {
        var selected = new List<DataSelection>();
        foreach (var item in files.SelectMany(f => f.Outs.Select(o => new DataSelection(f, o))))
        {
            var path = item.File.Resolve(item.Output);
            if (full == path || full == Path.GetFullPath(item.File.FilePath) || IsUnder(path, full)) selected.Add(item);
            else if (item.Output.IsFolder && IsUnder(full, path))
                selected.Add(item with { Within = Path.GetRelativePath(path, full).Replace(Path.DirectorySeparatorChar, '/') });
        }
        return selected;
    }

    private static bool IsUnder(string path, string folder) => path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
