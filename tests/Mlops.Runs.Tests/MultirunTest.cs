using Mlops.Config.Hosting;
using Mlops.Config.Overrides;
using Mlops.Runs.Multirun;
using Mlops.Runs.Search;

namespace Mlops.Runs.Tests;

/// <summary>
/// What the multirun tests share: a host schema with one section of its own, a launcher that records jobs instead of
/// starting processes, and the request for a sweep over overrides in the test's folder.
/// </summary>
public abstract class MultirunTest : TempDirectoryTest
{
    protected const string ThreadsKey = "training.threads";
    protected static readonly SweepObjective Objective = new("val_mcc", Maximize: true);

    /// <summary>A host schema with one section of its own, the launcher and the program's.</summary>
    protected sealed record Schema : IMultirunHostConfig
    {
        public FrameworkSpec Mlops { get; init; } = new();
        public LauncherSpec Launcher { get; init; } = new();
        public SweeperSpec Sweeper { get; init; } = new();
        public TrainingSection Training { get; init; } = new();
    }

    /// <summary>The knob the sweeps vary, and the threads a job computes with.</summary>
    protected sealed record TrainingSection
    {
        public double Lr { get; init; }
        public int? Threads { get; init; }
    }

    /// <summary>Records each launch and answers with the exit code chosen for that job number.</summary>
    protected sealed class RecordingLauncher(Func<int, int> exitCode) : IJobLauncher
    {
        public List<JobLaunch> Launches { get; } = [];

        public Task<JobResult> RunAsync(JobLaunch job, CancellationToken cancellationToken)
        {
            Launches.Add(job);
            var code = exitCode(job.Num);
            return Task.FromResult(new JobResult(code, TimeSpan.FromSeconds(1), code == 0 ? "" : $"error: job {job.Num} broke", 42));
        }
    }

    /// <summary>Guards the test against hanging on a bug; the result never depends on it.</summary>
    protected static Task Soon(Task task) => task.WaitAsync(TimeSpan.FromMinutes(1));

    protected static Task<T> Soon<T>(Task<T> task) => task.WaitAsync(TimeSpan.FromMinutes(1));

    protected MultirunRequest Request(bool failFast, params string[] overrides)
    {
        var configs = Directory.CreateDirectory(Path.Combine(Dir, "configs")).FullName;
        File.WriteAllText(Path.Combine(configs, "config.yaml"), "training:\n  lr: 0.1\n  threads: null\nlauncher:\n  parallelism: 1\n  threads_per_job: null\n" +
            "sweeper:\n  kind: grid\n  trials: 20\n  seed: 0\n  pruner: none\n  reduction_factor: 3\n  keep_pruned: false\n");
        return new MultirunRequest("train", new ConfigSource(configs), OverrideParser.ParseAll([.. overrides, $"mlops.sweep.dir={Dir}/sweep"]), failFast, ["--verbose"],
            ThreadsKey);
    }
}
