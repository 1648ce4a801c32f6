using Mlops.Config.Hosting;
using Mlops.Config.Overrides;
using Mlops.Config.Tree;
using Mlops.Runs.Search;

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

    /// <summary>A search trial's values, as its sampler proposed them; empty for a grid job.</summary>
    public IReadOnlyDictionary<string, double> Params { get; set; } = new Dictionary<string, double>();

    /// <summary>The monitored metric after each epoch so far (step = epoch), which pruners judge.</summary>
    public IReadOnlyList<(int Step, double Value)> Intermediate { get; set; } = [];

    /// <summary>Set once a pruner has asked this job to stop: its end is then "pruned", not "interrupted".</summary>
    public bool Pruned { get; set; }

    /// <summary>This job as a search's samplers and pruners see it.</summary>
    public TrialRecord Trial => new(Num, Params, Status switch
    {
        "done" => TrialState.Complete,
        "pruned" => TrialState.Pruned,
        "queued" or "running" => TrialState.Running,
        _ => TrialState.Failed,
    }, Score, Intermediate);
}
