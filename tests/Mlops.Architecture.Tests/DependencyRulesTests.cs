using System.Reflection;
using NetArchTest.Rules;

namespace Mlops.Architecture.Tests;

/// <summary>
/// The dependency directions, checked on the compiled types (NetArchTest): the CLI depends on the libraries and never
/// the reverse; Config knows no domain; run folders and multirun know no training; training draws no console UI.
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
    private static readonly Assembly Reports = typeof(Mlops.Reports.RunCharts).Assembly;
    private static readonly Assembly Ui = typeof(Mlops.Ui.DashboardServer).Assembly;
    private static readonly Assembly Versioning = typeof(Mlops.Versioning.DvcRepository).Assembly;

    private static void AssertNoDependency(Assembly assembly, params string[] forbidden)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        Assert.True(result.IsSuccessful,
            $"{assembly.GetName().Name} must not depend on {string.Join(", ", forbidden)}; offending types: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void No_library_reaches_the_cli()
    {
        foreach (var library in new[] { Core, Config, Data, Metrics, Inference, Model, Training, Runs, Bench, Tracking, Reports, Ui, Versioning })
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

    [Fact]
    public void The_type_reader_sees_dependencies_that_exist()
    {
        // Guards the rules above against passing on a reader that finds nothing.
        Assert.False(Types.InAssembly(Training).ShouldNot().HaveDependencyOn("TorchSharp").GetResult().IsSuccessful);
        Assert.False(Types.InAssembly(Runs).ShouldNot().HaveDependencyOn("Mlops.Config").GetResult().IsSuccessful);
    }
}
