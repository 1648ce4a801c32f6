using Mlops.Config.Hosting;
using Mlops.Data;
using Mlops.Inference;
using Mlops.Monitoring;
using Mlops.Runs.Multirun;
using Mlops.Runs.Search;
using Mlops.Training;
using Mlops.Workflows;

namespace Mlops.Cli.Configuration;

/// <summary>
/// The whole <c>mlops</c> configuration, bound strictly from the composed YAML: one section per config group
/// (<c>model</c>, <c>data</c>, <c>training</c>, <c>tracking</c>, <c>serving</c>, <c>monitoring</c>, <c>ui</c>, <c>launcher</c>, <c>sweeper</c>) plus <c>mlops</c>, the program's own settings.
/// Sections bind straight into the library records where one exists (<see cref="ModelSpec"/>, <see cref="TrainerOptions"/>).
/// </summary>
public sealed record MlopsConfig : IMultirunHostConfig
{
    public ModelSpec Model { get; init; } = new();
    public DataOptions Data { get; init; } = new();
    public TrainerOptions Training { get; init; } = new();
    public TrackingSpec Tracking { get; init; } = new();
    public ServingOptions Serving { get; init; } = new();
    public MonitoringOptions Monitoring { get; init; } = new();
    public UiSpec Ui { get; init; } = new();
    public LauncherSpec Launcher { get; init; } = new();
    public SweeperSpec Sweeper { get; init; } = new();
    public FrameworkSpec Mlops { get; init; } = new();
}
