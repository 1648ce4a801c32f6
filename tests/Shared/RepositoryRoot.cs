namespace Mlops.Tests;

/// <summary>Finds the checkout the tests were built from: the first folder above the test binaries that holds Mlops.slnx.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Mlops.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No Mlops.slnx above '{AppContext.BaseDirectory}'.");
    }
}
