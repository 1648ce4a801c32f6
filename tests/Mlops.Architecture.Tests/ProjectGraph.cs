using System.Xml.Linq;

namespace Mlops.Architecture.Tests;

/// <summary>
/// The project graph as the csproj files declare it (src/, tests/ and the benchmark programs in bench/): each project's direct references to projects,
/// packages and shared frameworks, and what it reaches through them.
/// </summary>
public static class ProjectGraph
{
    private static readonly string Root = RepositoryRoot.Find();

    /// <summary>Every project under src/, by name.</summary>
    public static IReadOnlyList<string> SourceProjects { get; } =
        [.. Directory.EnumerateDirectories(Path.Combine(Root, "src")).Select(Path.GetFileName).OfType<string>()
            .Where(name => File.Exists(ProjectFile(name))).Order(StringComparer.Ordinal)];

    private static string ProjectFile(string name) =>
        new[] { "src", "tests", "bench" }.Select(folder => Path.Combine(Root, folder, name, name + ".csproj")).FirstOrDefault(File.Exists)
        ?? Path.Combine(Root, "src", name, name + ".csproj");

    /// <summary>The projects <paramref name="project"/> references directly.</summary>
    public static IReadOnlyList<string> ProjectReferences(string project) => [.. References(project).Where(r => r.Kind == "ProjectReference").Select(r => r.Name)];

    /// <summary>Everything a project reaches, transitively: project names, package ids and shared frameworks.</summary>
    public static HashSet<string> Closure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var name))
            foreach (var (_, reference) in References(name))
                if (seen.Add(reference)) pending.Push(reference);
        return seen;
    }

    private static IEnumerable<(string Kind, string Name)> References(string project)
    {
        var file = ProjectFile(project);
        if (!File.Exists(file)) yield break;
        foreach (var item in XDocument.Load(file).Descendants())
        {
            var include = (string?)item.Attribute("Include");
            if (include is null) continue;
            switch (item.Name.LocalName)
            {
                case "ProjectReference":
                    yield return (item.Name.LocalName, Path.GetFileNameWithoutExtension(include.Replace('\\', '/')));
                    break;
                case "PackageReference" or "FrameworkReference":
                    yield return (item.Name.LocalName, include);
                    break;
            }
        }
        // The web SDK brings ASP.NET Core without naming it.
        if (XDocument.Load(file).Root?.Attribute("Sdk")?.Value == "Microsoft.NET.Sdk.Web") yield return ("FrameworkReference", "Microsoft.AspNetCore.App");
    }
}
