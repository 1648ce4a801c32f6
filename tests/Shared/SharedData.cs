namespace Mlops.Tests;

/// <summary>Finds the read-only ../shared folder beside the repository, if there is one.</summary>
public static class SharedData
{
    public static string? ColaDir => Find(Path.Combine("cola", "in_domain_train.tsv")) is { } file ? Path.GetDirectoryName(file) : null;

    /// <summary>The GitHub issues of dotnet/corefx labelled by area (ML.NET's GitHubLabeler sample): a TSV with quoted fields.</summary>
    public static string? GithubIssuesFile => Find(Path.Combine("github-issues", "corefx-issues-train.tsv"));

    /// <summary>The file at <paramref name="relative"/> under shared/data in the nearest folder above the test binaries that has one.</summary>
    private static string? Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", relative);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
