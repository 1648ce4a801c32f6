using Mlops.Config.Hosting;
using Mlops.Config.Overrides;
using Mlops.Config.Tree;

namespace Mlops.Runs.Multirun;

/// <summary>One job of a multirun: its plan (overrides and resolved config) and, as it runs, its state.</summary>
public sealed class SweepJob(int num, IReadOnlyList<Override> overrides, IReadOnlyDictionary<string, string> choices, ConfigMap jobConfig,
    FrameworkSpec framework, LauncherSpec launcher, string scoreKey)
{
    public int Num { get; } = num;
    public IReadOnlyList<Override> Overrides { get; } = overrides;
    /// <summary>The group options this job composed (model=tiny, ...), for printing its config.</summary>
    public IReadOnlyDictionary<string, string> Choices { get; } = choices;
    public ConfigMap JobConfig { get; } = jobConfig;
    public FrameworkSpec Framework { get; } = framework;
    /// <summary>How the sweep runs its jobs; the same for every job of a sweep (the plan refuses a sweep over it).</summary>
    public LauncherSpec Launcher { get; } = launcher;
    /// <summary>The metric read from the job's model card as its score (the monitored one).</summary>
    public string ScoreKey { get; } = scoreKey;
    public string Description => Overrides.Count == 0 ? "(no overrides)" : string.Join(" ", Overrides.Select(o => o.Text));
    public string Status { get; set; } = "queued";
    public string? Folder { get; set; }
    public double? Score { get; set; }
    /// <summary>The first line of a failed job's error output; null while it has not failed.</summary>
    public string? Error { get; set; }
    public TimeSpan? Elapsed { get; set; }
    public double? PeakRssMb { get; set; }
}
