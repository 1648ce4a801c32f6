using System.Text.RegularExpressions;

namespace Mlops.Architecture.Tests;

/// <summary>
/// docs/architecture.md's project diagram is the csproj graph: every project under src/ is drawn, and its arrows are
/// exactly the project references, so the design document cannot describe an older system again.
/// </summary>
public sealed partial class ArchitectureDocumentTests
{
    private static readonly string Document = Path.Combine(RepositoryRoot.Find(), "docs", "architecture.md");

    /// <summary>An arrow of the diagram: <c>Cli --> Workflows</c> (project names without their <c>Mlops.</c> prefix).</summary>
    [GeneratedRegex(@"^\s*([\w.]+)\s*-->\s*([\w.]+)\s*$")]
    private static partial Regex Arrow();

    /// <summary>The arrows of the first mermaid block of <paramref name="markdown"/>, as full project names.</summary>
    public static IReadOnlySet<string> DrawnArrows(string markdown)
    {
        var block = markdown.Split("```mermaid", 2) is [_, var rest] ? rest.Split("```", 2)[0] : "";
        return block.Split('\n').Select(line => Arrow().Match(line)).Where(m => m.Success)
            .Select(m => $"Mlops.{m.Groups[1].Value} --> Mlops.{m.Groups[2].Value}").ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The project references of every src/ project, as the diagram's arrows.</summary>
    public static IReadOnlySet<string> DeclaredArrows() =>
        ProjectGraph.SourceProjects.SelectMany(from => ProjectGraph.ProjectReferences(from).Select(to => $"{from} --> {to}")).ToHashSet(StringComparer.Ordinal);

    private static string Short(string arrow) => arrow.Replace("Mlops.", "", StringComparison.Ordinal);

    [Fact]
    public void The_diagram_draws_exactly_the_project_references()
    {
        var drawn = DrawnArrows(File.ReadAllText(Document));
        var declared = DeclaredArrows();
        var missing = declared.Except(drawn).Order(StringComparer.Ordinal).Select(Short).ToList();
        var stale = drawn.Except(declared).Order(StringComparer.Ordinal).Select(Short).ToList();
        Assert.True(missing.Count == 0 && stale.Count == 0,
            $"docs/architecture.md's mermaid diagram disagrees with the csproj files. Missing arrows: [{string.Join("; ", missing)}]. " +
            $"Arrows no csproj declares: [{string.Join("; ", stale)}]. The whole diagram, from the csproj files:\n" +
            string.Join('\n', declared.Order(StringComparer.Ordinal).Select(a => "  " + Short(a))));
    }

    [Fact]
    public void The_diagram_draws_every_source_project()
    {
        var drawn = DrawnArrows(File.ReadAllText(Document)).SelectMany(a => a.Split(" --> ")).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(ProjectGraph.SourceProjects.Except(drawn));
    }

    [Fact]
    public void The_check_sees_a_diagram_that_disagrees()
    {
        var declared = DeclaredArrows();
        Assert.Contains("Mlops.Workflows --> Mlops.Training", declared);
        var stale = "```mermaid\nflowchart TD\n  Training --> Tracking\n```";
        Assert.Equal(["Mlops.Training --> Mlops.Tracking"], DrawnArrows(stale));
        Assert.DoesNotContain("Mlops.Training --> Mlops.Tracking", declared);
    }
}
