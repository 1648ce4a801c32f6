namespace Mlops.Architecture.Tests;

/// <summary>
/// Rules on the project graph (<see cref="ProjectGraph"/>, from the csproj files): nothing that predicts loads libtorch,
/// and each adapter sits where the pieces meet - the trainer knows callbacks, not stores; the store knows runs, not
/// monitoring; the Lambda function needs no web server; the export builds on the model, not the trainer.
/// </summary>
public sealed class ProjectGraphTests
{
    /// <summary><see cref="Project"/> must not reach any of <see cref="Forbidden"/>; <see cref="Violator"/> does, which proves the check can fail.</summary>
    public sealed record ReachRule(string Project, string[] Forbidden, string Why, string Violator)
    {
        public IReadOnlyList<string> Reached(string project) => [.. ProjectGraph.Closure(project).Intersect(Forbidden)];

        public override string ToString() => Project;
    }

    private static readonly string[] TrainingStack = ["TorchSharp", "libtorch-cpu-linux-x64", "TorchSharp.PyBridge", "Mlops.Model", "Mlops.Training"];

    /// <summary>Libraries an inference host may reference: they must stay free of the training stack.</summary>
    private static readonly string[] InferenceSafe = ["Mlops.Core", "Mlops.Config", "Mlops.Data", "Mlops.Metrics", "Mlops.Runs", "Mlops.Tracking"];

    public static TheoryData<ReachRule> Rules => new(
        new ReachRule("Mlops.Training", ["Mlops.Tracking", "Mlops.Monitoring", "Mlops.Inference"],
            "the trainer knows callbacks, not stores or inference engines: Mlops.Workflows wires them", Violator: "Mlops.Workflows"),
        new ReachRule("Mlops.Tracking", ["Mlops.Monitoring", "Elastic.Clients.Elasticsearch", "MathNet.Numerics", "Serilog"],
            "the store knows runs and models; prediction events are a port of its own that the serving side wires", Violator: "Mlops.Serving"),
        new ReachRule("Mlops.Lambda", ["Microsoft.AspNetCore.App"],
            "the function speaks the Runtime API as a client; the service's stand-in lives in tests/Mlops.Testing", Violator: "Mlops.Testing"),
        new ReachRule("Mlops.Export", ["Mlops.Training"], "the export builds on the model, not on the trainer", Violator: "Mlops.Workflows"),
        new ReachRule("Mlops.Serving.Host", ["Mlops.Testing", "Mlops.Bench"],
            "what the image runs carries no stand-in and no benchmark", Violator: "Mlops.Cli"),
        new ReachRule("Mlops.Cli", MlNet, "ML.NET is only the GitHub-issues anchor, a program of its own that mlops bench issues runs", Violator: "Mlops.Bench.MlNet"),
        new ReachRule("Mlops.Serving.Host", MlNet, "ML.NET is only the GitHub-issues anchor, a program of its own", Violator: "Mlops.Bench.MlNet"));

    private static readonly string[] MlNet = ["Microsoft.ML", "Mlops.Bench.MlNet"];

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_adapter_sits_where_the_pieces_meet(ReachRule rule)
    {
        var reached = rule.Reached(rule.Project);
        Assert.True(reached.Count == 0, $"{rule.Project} reaches {string.Join(", ", reached)}: {rule.Why}.");
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_rule_sees_a_real_violation(ReachRule rule) =>
        Assert.NotEmpty(rule.Reached(rule.Violator));

    private static IEnumerable<string> InferenceSide() =>
        ProjectGraph.SourceProjects.Where(name => new[] { "Inference", "Serving", "Lambda", "Monitor" }.Any(part => name.Contains(part, StringComparison.Ordinal)));

    [Fact]
    public void Nothing_on_the_inference_side_reaches_the_training_stack()
    {
        foreach (var project in InferenceSide().Concat(InferenceSafe))
        {
            var reached = ProjectGraph.Closure(project).Intersect(TrainingStack).ToList();
            Assert.True(reached.Count == 0, $"{project} reaches {string.Join(", ", reached)}: inference must run on ONNX Runtime alone.");
        }
    }

    [Fact]
    public void The_graph_reader_sees_the_training_stack_where_it_is()
    {
        // Guards the rule above against a reader that finds nothing: the CLI does train, so it must reach TorchSharp.
        Assert.Contains("TorchSharp", ProjectGraph.Closure("Mlops.Cli"));
        Assert.Contains("Mlops.Training", ProjectGraph.Closure("Mlops.Bench"));
        Assert.Contains("Mlops.Serving.Host", InferenceSide());
    }
}
