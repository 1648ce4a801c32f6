using System.Xml.Linq;

namespace Mlops.Architecture.Tests;

/// <summary>
/// The project graph read from src/*/*.csproj: nothing that predicts loads libtorch. Every project on the inference
/// side (inference, serving, Lambda, monitoring) and every library they may build on must not reach TorchSharp,
/// libtorch or the training projects, directly or through another project.
/// </summary>
public sealed class ProjectGraphTests
{
    private static readonly string[] Training = ["TorchSharp", "libtorch-cpu-linux-x64", "TorchSharp.PyBridge", "Mlops.Model", "Mlops.Training"];

    /// <summary>Libraries an inference host may reference: they must stay free of the training stack.</summary>
    private static readonly string[] InferenceSafe = ["Mlops.Core", "Mlops.Config", "Mlops.Data", "Mlops.Metrics", "Mlops.Runs", "Mlops.Tracking"];

    private static readonly string Src = Path.Combine(RepositoryRoot.Find(), "src");

    /// <summary>Everything a project references, transitively: project names and package ids.</summary>
    private static HashSet<string> Closure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var name))
        {
            var file = Path.Combine(Src, name, name + ".csproj");
            if (!File.Exists(file)) continue;
            foreach (var item in XDocument.Load(file).Descendants())
            {
                var reference = item.Name.LocalName switch
                {
                    "ProjectReference" => Path.GetFileNameWithoutExtension(((string?)item.Attribute("Include"))?.Replace('\\', '/')),
                    "PackageReference" => (string?)item.Attribute("Include"),
                    _ => null,
                };
                if (reference is not null && seen.Add(reference)) pending.Push(reference);
            }
        }
        return seen;
    }

    private static IEnumerable<string> InferenceSide() =>
        Directory.EnumerateDirectories(Src).Select(Path.GetFileName).OfType<string>()
            .Where(name => new[] { "Inference", "Serving", "Lambda", "Monitor" }.Any(part => name.Contains(part, StringComparison.Ordinal)));

    [Fact]
    public void Nothing_on_the_inference_side_reaches_the_training_stack()
    {
        foreach (var project in InferenceSide().Concat(InferenceSafe))
        {
            var reached = Closure(project).Intersect(Training).ToList();
            Assert.True(reached.Count == 0, $"{project} reaches {string.Join(", ", reached)}: inference must run on ONNX Runtime alone.");
        }
    }

    [Fact]
    public void The_graph_reader_sees_the_training_stack_where_it_is()
    {
        // Guards the rule above against a reader that finds nothing: the CLI does train, so it must reach TorchSharp.
        Assert.Contains("TorchSharp", Closure("Mlops.Cli"));
        Assert.Contains("Mlops.Training", Closure("Mlops.Bench"));
    }
}
