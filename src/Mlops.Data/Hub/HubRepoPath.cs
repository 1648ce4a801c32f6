using System.Text.RegularExpressions;

namespace Mlops.Data.Hub;

/// <summary>Validates repository ids, types and paths, so no URL or cache path built from them can leave the repository.</summary>
internal static partial class HubRepoPath
{
    /// <summary>Throws <see cref="ArgumentException"/> unless the id looks like <c>owner/name</c> and the type is a hub repository type.</summary>
    public static void Validate(string repoId, string repoType)
    {
        ArgumentNullException.ThrowIfNull(repoId);
        ArgumentNullException.ThrowIfNull(repoType);
        if (repoType is not ("datasets" or "models" or "spaces"))
        {
            throw new ArgumentException($"Repository type '{repoType}' is not one of 'datasets', 'models', 'spaces'.", nameof(repoType));
        }
        if (!RepoIdRegex().IsMatch(repoId) || repoId.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{repoId}' is not a hub repository id such as 'nyu-mll/glue'.", nameof(repoId));
        }
    }

    /// <summary>The part of a file URL before the repository id: <c>datasets/</c>, <c>spaces/</c>, or nothing for models.</summary>
    public static string UrlPrefix(string repoId, string repoType)
    {
        Validate(repoId, repoType);
        return repoType == "models" ? "" : repoType + "/";
    }

    /// <summary>Splits a repository path into segments, refusing anything that could leave the cache folder.</summary>
    public static string[] Split(string path, bool allowEmpty)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if ((segments.Length == 0 && !allowEmpty) || path.StartsWith('/') || path.Contains('\\')
            || segments.Any(s => s is "." or ".." || s.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0))
        {
            throw new DataException($"'{path}' is not a valid file path inside a hub repository.",
                "Repository paths are relative, use '/' and contain no '..' segments.");
        }
        return segments;
    }

    /// <summary>The segments joined with '/', each URL-escaped.</summary>
    public static string Escape(string[] segments) => string.Join('/', segments.Select(Uri.EscapeDataString));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$")]
    private static partial Regex RepoIdRegex();
}
