using System.Reflection;
using NetArchTest.Rules;

namespace Mlops.Architecture.Tests;

/// <summary>
/// The dependency directions, checked on the compiled types (NetArchTest): the CLI depends on the libraries and never
/// the reverse; Config knows no domain; run folders and multirun know no training; training draws no console UI; no
/// source project ships a stand-in for an outside service; the CLI loads the benchmarks only for <c>mlops bench</c>.
/// </summary>
public sealed class DependencyRulesTests
{
    private static readonly Assembly Core = typeof(Mlops.Core.MlopsException).Assembly;
    private static readonly Assembly Config = typeof(Mlops.Config.ConfigException).Assembly;
    private static readonly Assembly Data = typeof(Mlops.Data.DataOptions).Assembly;
    private static readonly Assembly Metrics = typeof(Mlops.Metrics.ConfusionMatrix).Assembly;
    private static readonly Assembly Inference = typeof(Mlops.Inference.TextClassifier).Assembly;
    private static readonly Assembly Model = typeof(Mlops.Model.ClassifierStore).Assembly;
    private static readonly Assembly Training = typeof(Mlops.Training.Trainer).Assembly;
    private static readonly Assembly Runs = typeof(Mlops.Runs.RunFolder).Assembly;
    private static readonly Assembly Bench = typeof(Mlops.Bench.BenchCommands).Assembly;
    private static readonly Assembly Tracking = typeof(Mlops.Tracking.RunTracker).Assembly;
    private static readonly Assembly Monitoring = typeof(Mlops.Monitoring.PredictionRecorder).Assembly;
    private static readonly Assembly Lambda = typeof(Mlops.Lambda.LambdaHost).Assembly;
    private static readonly Assembly Workflows = typeof(Mlops.Workflows.TrainingWorkflow).Assembly;
    private static readonly Assembly Export = typeof(Mlops.Export.ModelExporter).Assembly;
    private static readonly Assembly Reports = typeof(Mlops.Reports.RunCharts).Assembly;
    private static readonly Assembly Ui = typeof(Mlops.Ui.DashboardServer).Assembly;
    private static readonly Assembly Versioning = typeof(Mlops.Versioning.DvcRepository).Assembly;
    private static readonly Assembly Serving = typeof(Mlops.Serving.ServingApp).Assembly;
    private static readonly Assembly Testing = typeof(Mlops.Testing.ElasticsearchStandIn).Assembly;

    private static readonly Assembly Cli = typeof(Mlops.Cli.CliHost).Assembly;
    private static readonly Assembly ServingHost = typeof(Mlops.Serving.Host.HealthCheck).Assembly;

    /// <summary>Every assembly built from src/ (checked against the folders by <see cref="The_rules_see_every_source_project"/>).</summary>
    private static readonly Assembly[] Shipped =
        [Cli, ServingHost, Bench, Workflows, Training, Model, Data, Core, Config, Metrics, Inference, Tracking, Monitoring, Lambda, Serving, Ui, Reports, Versioning, Runs, Export];

    private static string ProjectOf(Assembly assembly) => assembly.GetName().Name switch
    {
        "mlops" => "Mlops.Cli",
        "mlops-serve" => "Mlops.Serving.Host",
        var name => name!,
    };

    [Fact]
    public void The_rules_see_every_source_project() =>
        Assert.Equal(ProjectGraph.SourceProjects, Shipped.Select(ProjectOf).Order(StringComparer.Ordinal));

    private static void AssertNoDependency(Assembly assembly, params string[] forbidden)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        Assert.True(result.IsSuccessful,
            $"{assembly.GetName().Name} must not depend on {string.Join(", ", forbidden)}; offending types: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void No_library_reaches_the_cli()
    {
        foreach (var library in Shipped.Where(a => a != Cli))
            AssertNoDependency(library, "Mlops.Cli");
    }

    [Fact]
    public void Core_depends_on_no_other_project() =>
        AssertNoDependency(Core, "Mlops.Config", "Mlops.Data", "Mlops.Metrics", "Mlops.Model", "Mlops.Training", "Mlops.Runs", "Mlops.Bench", "TorchSharp");

    [Fact]
    public void Config_knows_no_domain() =>
        AssertNoDependency(Config, "Mlops.Data", "Mlops.Metrics", "Mlops.Model", "Mlops.Training", "Mlops.Runs", "Mlops.Bench", "TorchSharp", "Spectre");

    [Fact]
    public void Run_folders_and_multiruns_know_no_training_so_any_host_can_use_them() =>
        AssertNoDependency(Runs, "Mlops.Data", "Mlops.Model", "Mlops.Training", "Mlops.Bench", "TorchSharp", "Spectre");

    [Fact]
    public void Data_and_metrics_know_no_model_or_training() =>
        Assert.All(new[] { Data, Metrics }, a => AssertNoDependency(a, "Mlops.Model", "Mlops.Training", "Mlops.Runs", "TorchSharp"));

    [Fact]
    public void Inference_never_reaches_the_training_stack() =>
        AssertNoDependency(Inference, "Mlops.Model", "Mlops.Training", "Mlops.Export", "Mlops.Runs", "Mlops.Bench", "TorchSharp", "Spectre");

    [Fact]
    public void Tracking_knows_no_training_and_draws_nothing_so_the_ui_and_serving_can_read_it() =>
        AssertNoDependency(Tracking, "Mlops.Data", "Mlops.Model", "Mlops.Training", "Mlops.Bench", "TorchSharp", "Spectre", "ScottPlot", "SkiaSharp");

    [Fact]
    public void Data_versioning_knows_no_model_or_training_so_an_image_build_can_pull_with_it() =>
        AssertNoDependency(Versioning, "Mlops.Data", "Mlops.Model", "Mlops.Training", "Mlops.Tracking", "Mlops.Bench", "TorchSharp", "Spectre");

    [Fact]
    public void The_dashboard_and_the_run_charts_know_no_training() =>
        Assert.All(new[] { Reports, Ui }, a => AssertNoDependency(a, "Mlops.Data", "Mlops.Model", "Mlops.Training", "Mlops.Bench", "TorchSharp", "Spectre"));

    [Fact]
    public void Model_and_training_never_reach_hosts_or_draw_console_ui() =>
        Assert.All(new[] { Model, Training }, a => AssertNoDependency(a, "Mlops.Runs", "Mlops.Bench", "Spectre"));

    /// <summary>
    /// Types that stand in for an outside service: named for it (a stand-in, fake, stub, mock, emulator, a local API),
    /// or serving HTTP outside the two hosts whose job that is (the prediction API, the dashboard).
    /// </summary>
    private static IEnumerable<string> StandIns(IEnumerable<Assembly> assemblies) =>
        assemblies.SelectMany(assembly =>
        {
            var named = Types.InAssembly(assembly).That().HaveNameMatching(@"StandIn|Fake|Stub|Mock|Emulator|Dummy|^Local\w*Api$").GetTypes();
            var serving = assembly == Serving || assembly == Ui ? []
                : Types.InAssembly(assembly).That().HaveDependencyOnAny("System.Net.HttpListener", "Microsoft.AspNetCore.Builder.WebApplicationBuilder").GetTypes();
            return named.Concat(serving).Select(t => $"{assembly.GetName().Name}: {t.FullName}");
        }).Distinct();

    [Fact]
    public void No_source_project_contains_a_stand_in_for_an_outside_service() =>
        Assert.Empty(StandIns(Shipped));

    [Fact]
    public void The_stand_in_check_sees_the_stand_ins_tests_use()
    {
        var found = StandIns([Testing]).ToList();
        Assert.Contains(found, t => t.EndsWith(".ElasticsearchStandIn", StringComparison.Ordinal));
        Assert.Contains(found, t => t.EndsWith(".LocalRuntimeApi", StringComparison.Ordinal));
    }

    [Fact]
    public void The_cli_reaches_the_benchmarks_only_through_mlops_bench()
    {
        var result = Types.InAssembly(Cli).That().DoNotHaveName(nameof(Mlops.Cli.BenchEntry)).ShouldNot().HaveDependencyOn("Mlops.Bench").GetResult();
        Assert.True(result.IsSuccessful, $"Only BenchEntry may use Mlops.Bench; also: {string.Join(", ", result.FailingTypeNames ?? [])}");
        Assert.False(Types.InAssembly(Cli).ShouldNot().HaveDependencyOn("Mlops.Bench").GetResult().IsSuccessful);
    }

    [Fact]
    public void The_type_reader_sees_dependencies_that_exist()
    {
        // Guards the rules above against passing on a reader that finds nothing.
        Assert.False(Types.InAssembly(Training).ShouldNot().HaveDependencyOn("TorchSharp").GetResult().IsSuccessful);
        Assert.False(Types.InAssembly(Runs).ShouldNot().HaveDependencyOn("Mlops.Config").GetResult().IsSuccessful);
    }
}
