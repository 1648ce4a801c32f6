namespace Mlops.Data.Tests;

/// <summary>Finds the read-only ../shared folder beside the repository, if there is one.</summary>
public static class SharedData
{
    public static string? ColaDir
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data", "cola");
                if (File.Exists(Path.Combine(candidate, "in_domain_train.tsv"))) return candidate;
            }
            return null;
        }
    }
}
