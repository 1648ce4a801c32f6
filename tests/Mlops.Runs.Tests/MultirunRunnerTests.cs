using Mlops.Config;
using Mlops.Config.Hosting;
using Mlops.Config.Overrides;
using Mlops.Core;
using Mlops.Runs.Multirun;
using Mlops.Runs.Search;

namespace Mlops.Runs.Tests;

/// <summary>
/// The multirun engine with launchers that record jobs instead of starting processes: every job pinned to its own
/// folder, failures kept in error.log, fail-fast, the summary file and the exit code that tells jobs failed from a bug;
/// with <c>launcher.parallelism</c>, how many jobs run at once (jobs held by the test until it lets them end, so no
/// timing decides a result), and the share of the cores each job is given.
/// </summary>
public sealed class MultirunRunnerTests : TempDirectoryTest
{
    private const string ThreadsKey = "training.threads";
    private static readonly SweepObjective Objective = new("val_mcc", Maximize: true);

    /// <summary>A host schema with one section of its own, the launcher and the program's.</summary>
    private sealed record Schema : IMultirunHostConfig
    {
        public FrameworkSpec Mlops { get; init; } = new();
        public LauncherSpec Launcher { get; init; } = new();
        public SweeperSpec Sweeper { get; init; } = new();
        public TrainingSection Training { get; init; } = new();
    }

    /// <summary>The knob the sweeps vary, and the threads a job computes with.</summary>
    private sealed record TrainingSection
    {
        public double Lr { get; init; }
        public int? Threads { get; init; }
    }

    /// <summary>Records each launch and answers with the exit code chosen for that job number.</summary>
    private sealed class RecordingLauncher(Func<int, int> exitCode) : IJobLauncher
    {
        public List<JobLaunch> Launches { get; } = [];

        public Task<JobResult> RunAsync(JobLaunch job, CancellationToken cancellationToken)
        {
            Launches.Add(job);
            var code = exitCode(job.Num);
            return Task.FromResult(new JobResult(code, TimeSpan.FromSeconds(1), code == 0 ? "" : $"error: job {job.Num} broke", 42));
        }
    }

    /// <summary>
    /// Holds each job until the test ends it with an exit code (or the run is cancelled: then it was interrupted),
    /// counting the jobs that run at once.
    /// </summary>
    private sealed class GatedLauncher(int jobs) : IJobLauncher
    {
        private readonly Lock counting = new();
        private int running;

        public TaskCompletionSource[] Started { get; } = [.. Enumerable.Range(0, jobs).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
        public TaskCompletionSource<int>[] Ends { get; } = [.. Enumerable.Range(0, jobs).Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously))];
        public int MostAtOnce { get; private set; }
        public int Launched => Started.Count(s => s.Task.IsCompleted);

        public async Task<JobResult> RunAsync(JobLaunch job, CancellationToken cancellationToken)
        {
            lock (counting) MostAtOnce = Math.Max(MostAtOnce, ++running);
            Started[job.Num].SetResult();
            await using var cancelled = cancellationToken.Register(() => Ends[job.Num].TrySetResult(ExitCodes.Interrupted));
            var code = await Ends[job.Num].Task;
            lock (counting) running--;
            return new JobResult(code, TimeSpan.FromSeconds(1), code == 0 ? "" : $"error: job {job.Num} broke", 42);
        }

        /// <summary>Ends job <paramref name="num"/> once it has started, after checking that it had.</summary>
        public async Task EndAsync(int num, int exitCode = ExitCodes.Success)
        {
            await Soon(Started[num].Task);
            Ends[num].SetResult(exitCode);
        }
    }

    /// <summary>Guards the test against hanging on a bug; the result never depends on it.</summary>
    private static Task Soon(Task task) => task.WaitAsync(TimeSpan.FromMinutes(1));

    private static Task<T> Soon<T>(Task<T> task) => task.WaitAsync(TimeSpan.FromMinutes(1));

    private MultirunRequest Request(bool failFast, params string[] overrides)
    {
        var configs = Directory.CreateDirectory(Path.Combine(Dir, "configs")).FullName;
        File.WriteAllText(Path.Combine(configs, "config.yaml"), "training:\n  lr: 0.1\n  threads: null\nlauncher:\n  parallelism: 1\n  threads_per_job: null\n" +
            "sweeper:\n  kind: grid\n  trials: 20\n  seed: 0\n  pruner: none\n  reduction_factor: 3\n  keep_pruned: false\n");
        return new MultirunRequest("train", new ConfigSource(configs), OverrideParser.ParseAll([.. overrides, $"mlops.sweep.dir={Dir}/sweep"]), failFast, ["--verbose"],
            ThreadsKey);
    }

    [Fact]
    public async Task Each_job_runs_in_its_own_folder_with_its_overrides_and_the_summary_lists_them()
    {
        var request = Request(false, "training.lr=0.1,0.2,0.3");
        var plan = MultirunRunner.Plan<Schema>(request, _ => Objective);
        var launcher = new RecordingLauncher(_ => ExitCodes.Success);

        var code = await new MultirunRunner(launcher).RunAsync(request, plan, MultirunRunner.CreateSweepFolder(plan), _ => { }, default);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(3, launcher.Launches.Count);
        Assert.Equal(["train", "training.lr=0.2"], launcher.Launches[1].Arguments.Take(2));
        Assert.Contains($"mlops.run.dir='{Dir}/sweep/1'", launcher.Launches[1].Arguments);
        Assert.Equal(Path.Combine(Dir, "sweep", "1"), launcher.Launches[1].Folder);
        Assert.Equal("--verbose", launcher.Launches[1].Arguments[^1]);
        var summary = File.ReadAllText(Path.Combine(Dir, "sweep", MultirunRunner.SummaryFile));
        Assert.Equal(3, summary.Split("status: done").Length - 1);
        Assert.Contains("peak_rss_mb: 42", summary);
    }

    [Fact]
    public async Task A_failed_job_keeps_its_error_and_fail_fast_skips_the_rest_with_the_jobs_failed_exit_code()
    {
        var request = Request(true, "training.lr=0.1,0.2,0.3");
        var plan = MultirunRunner.Plan<Schema>(request, _ => Objective);
        var launcher = new RecordingLauncher(num => num == 0 ? ExitCodes.DataError : ExitCodes.Success);

        var code = await new MultirunRunner(launcher).RunAsync(request, plan, MultirunRunner.CreateSweepFolder(plan), _ => { }, default);

        Assert.Equal(ExitCodes.JobsFailed, code);
        Assert.Single(launcher.Launches);
        Assert.Equal(["failed (3)", "skipped", "skipped"], plan.Jobs.Select(j => j.Status));
        Assert.Equal("error: job 0 broke", plan.Jobs[0].Error);
        Assert.Contains("job 0 broke", File.ReadAllText(Path.Combine(Dir, "sweep", "0", MultirunRunner.ErrorLogFile)));
    }

    [Fact]
    public void A_bad_value_in_any_job_fails_the_plan_before_anything_runs()
    {
        var request = Request(false, "training.lr=0.1,abc");
        Assert.ThrowsAny<MlopsException>(() => MultirunRunner.Plan<Schema>(request, _ => Objective));
        Assert.False(Directory.Exists(Path.Combine(Dir, "sweep")));
    }

    [Fact]
    public async Task Two_at_once_runs_two_jobs_side_by_side_never_three_and_the_summary_keeps_the_job_order()
    {
        var request = Request(false, "training.lr=0.1,0.2,0.3,0.4", "launcher.parallelism=2");
        var plan = MultirunRunner.Plan<Schema>(request, _ => Objective);
        var launcher = new GatedLauncher(plan.Total);

        var run = new MultirunRunner(launcher).RunAsync(request, plan, MultirunRunner.CreateSweepFolder(plan), _ => { }, default);
        await Soon(Task.WhenAll(launcher.Started[0].Task, launcher.Started[1].Task));
        Assert.Equal(2, launcher.Launched); // both places are taken until a job ends
        await launcher.EndAsync(1); // the second job ends first: the third takes its place
        await launcher.EndAsync(2);
        await launcher.EndAsync(3);
        await launcher.EndAsync(0);

        Assert.Equal(ExitCodes.Success, await Soon(run));
        Assert.Equal(2, launcher.MostAtOnce);
        var summary = File.ReadAllText(Path.Combine(Dir, "sweep", MultirunRunner.SummaryFile));
        var positions = new[] { "training.lr=0.1", "training.lr=0.2", "training.lr=0.3", "training.lr=0.4" }.Select(o => summary.IndexOf(o, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public async Task One_at_a_time_starts_no_job_before_the_one_before_it_ended()
    {
        var request = Request(false, "training.lr=0.1,0.2,0.3");
        var plan = MultirunRunner.Plan<Schema>(request, _ => Objective);
        var launcher = new GatedLauncher(plan.Total);

        var run = new MultirunRunner(launcher).RunAsync(request, plan, MultirunRunner.CreateSweepFolder(plan), _ => { }, default);
        for (var num = 0; num < plan.Total; num++)
        {
            await Soon(launcher.Started[num].Task);
            Assert.Equal(num + 1, launcher.Launched);
            await launcher.EndAsync(num);
        }

        Assert.Equal(ExitCodes.Success, await Soon(run));
        Assert.Equal(1, launcher.MostAtOnce);
    }

    [Fact]
    public async Task Fail_fast_side_by_side_lets_the_running_job_finish_and_skips_the_jobs_not_started()
    {
        var request = Request(true, "training.lr=0.1,0.2,0.3,0.4", "launcher.parallelism=2");
        var plan = MultirunRunner.Plan<Schema>(request, _ => Objective);
        var launcher = new GatedLauncher(plan.Total);
        var firstFailed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var run = new MultirunRunner(launcher).RunAsync(request, plan, MultirunRunner.CreateSweepFolder(plan), job =>
        {
            if (job.Error is not null) firstFailed.TrySetResult();
        }, default);
        await Soon(launcher.Started[1].Task);
        await launcher.EndAsync(0, ExitCodes.DataError);
        await Soon(firstFailed.Task);
        await launcher.EndAsync(1);

        Assert.Equal(ExitCodes.JobsFailed, await Soon(run));
        Assert.Equal(["failed (3)", "done", "skipped", "skipped"], plan.Jobs.Select(j => j.Status));
        Assert.Equal(2, launcher.Launched);
    }

    [Fact]
    public async Task Cancelling_side_by_side_interrupts_the_running_jobs_and_skips_the_rest()
    {
        var request = Request(false, "training.lr=0.1,0.2,0.3,0.4", "launcher.parallelism=2");
        var plan = MultirunRunner.Plan<Schema>(request, _ => Objective);
        var launcher = new GatedLauncher(plan.Total);
        using var interrupt = new CancellationTokenSource();

        var run = new MultirunRunner(launcher).RunAsync(request, plan, MultirunRunner.CreateSweepFolder(plan), _ => { }, interrupt.Token);
        await Soon(Task.WhenAll(launcher.Started[0].Task, launcher.Started[1].Task));
        await interrupt.CancelAsync();

        Assert.Equal(ExitCodes.Interrupted, await Soon(run));
        Assert.Equal(["interrupted", "interrupted", "skipped", "skipped"], plan.Jobs.Select(j => j.Status));
        Assert.Equal(2, launcher.Launched);
    }

    [Theory]
    [InlineData(null, "training.lr=0.1,0.2")]
    [InlineData("++training.threads=3", "training.lr=0.1,0.2", "launcher.parallelism=2", "launcher.threads_per_job=3")]
    [InlineData("++training.threads=3", "training.lr=0.1,0.2", "launcher.threads_per_job=3")]
    [InlineData(null, "training.lr=0.1,0.2", "launcher.parallelism=2", "launcher.threads_per_job=3", "training.threads=5")]
    public async Task Jobs_side_by_side_get_their_share_of_the_cores_unless_the_sweep_sets_the_threads(string? expected, params string[] overrides)
    {
        var request = Request(false, overrides);
        var plan = MultirunRunner.Plan<Schema>(request, _ => Objective);
        var launcher = new RecordingLauncher(_ => ExitCodes.Success);

        await new MultirunRunner(launcher).RunAsync(request, plan, MultirunRunner.CreateSweepFolder(plan), _ => { }, default);

        Assert.All(launcher.Launches, launch =>
            Assert.Equal(expected, launch.Arguments.SingleOrDefault(a => a.Contains(ThreadsKey, StringComparison.Ordinal) && a.StartsWith("++", StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData(1, null, 16, null)]
    [InlineData(2, null, 16, 8)]
    [InlineData(4, null, 2, 1)]
    [InlineData(3, null, 8, 2)]
    [InlineData(2, 5, 16, 5)]
    public void A_job_shares_the_cores_with_the_jobs_beside_it(int parallelism, int? threadsPerJob, int cores, int? expected) =>
        Assert.Equal(expected, new LauncherSpec { Parallelism = parallelism, ThreadsPerJob = threadsPerJob }.JobThreads(cores));

    [Fact]
    public void A_sweep_over_the_launcher_is_refused_before_anything_runs()
    {
        var request = Request(false, "training.lr=0.1", "launcher.parallelism=1,2");
        var error = Assert.Throws<ConfigException>(() => MultirunRunner.Plan<Schema>(request, _ => Objective));
        Assert.Contains("launcher", error.Message);
        Assert.False(Directory.Exists(Path.Combine(Dir, "sweep")));
    }

    [Fact]
    public void Parallelism_below_one_is_a_config_error_naming_the_key()
    {
        var request = Request(false, "training.lr=0.1,0.2", "launcher.parallelism=0");
        var error = Assert.Throws<ConfigException>(() => MultirunRunner.Plan<Schema>(request, _ => Objective));
        Assert.Contains("launcher.parallelism", error.Message);
    }

    /// <summary>
    /// Reports the monitored metric per epoch into the job's metrics.jsonl as training does: job 0 reports well and
    /// finishes; every later job reports badly once, saves a resume point, then waits to be stopped (it would finish after a minute).
    /// </summary>
    private sealed class ReportingLauncher : IJobLauncher
    {
        public async Task<JobResult> RunAsync(JobLaunch job, CancellationToken cancellationToken)
        {
            Directory.CreateDirectory(job.Folder);
            var metrics = Path.Combine(job.Folder, RunFolder.MetricsFile);
            if (job.Num == 0)
            {
                await File.WriteAllTextAsync(metrics, "{\"epoch\":0,\"val_mcc\":0.9}\n{\"epoch\":1,\"val_mcc\":0.95}\n", CancellationToken.None);
                return new JobResult(ExitCodes.Success, TimeSpan.FromSeconds(1), "", null);
            }
            Directory.CreateDirectory(Path.Combine(job.Folder, RunFolder.ResumeDir));
            await File.WriteAllTextAsync(metrics, "{\"epoch\":0,\"val_mcc\":0.1}\n", CancellationToken.None);
            await Task.WhenAny(Task.Delay(TimeSpan.FromMinutes(1), cancellationToken));
            return new JobResult(cancellationToken.IsCancellationRequested ? ExitCodes.Terminated : ExitCodes.Success, TimeSpan.FromSeconds(1), "", null);
        }
    }

    [Fact]
    public async Task A_random_search_runs_its_budget_of_trials_each_with_a_value_drawn_from_the_interval()
    {
        var request = Request(false, "sweeper.kind=random", "sweeper.trials=5", "training.lr=tag(log, interval(0.001, 0.01))");
        var plan = MultirunRunner.Plan<Schema>(request, _ => Objective);
        var launcher = new RecordingLauncher(_ => ExitCodes.Success);

        var code = await new MultirunRunner(launcher).RunAsync(request, plan, MultirunRunner.CreateSweepFolder(plan), _ => { }, default);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(5, launcher.Launches.Count);
        var rates = launcher.Launches.Select(l => double.Parse(l.Arguments.Single(a => a.StartsWith("training.lr=", StringComparison.Ordinal))[12..],
            System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(rates, lr => Assert.InRange(lr, 0.001, 0.01));
        Assert.Equal(5, rates.Distinct().Count());
    }

    [Fact]
    public async Task Asha_stops_a_trial_that_reports_worse_than_the_others_at_its_rung_and_removes_its_resume_point()
    {
        var request = Request(false, "sweeper.kind=random", "sweeper.trials=2", "sweeper.pruner=asha", "training.lr=interval(0.001, 0.01)");
        var plan = MultirunRunner.Plan<Schema>(request, _ => Objective);

        var code = await Soon(new MultirunRunner(new ReportingLauncher()).RunAsync(request, plan, MultirunRunner.CreateSweepFolder(plan), _ => { }, default));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(["done", "pruned"], plan.Jobs.Select(j => j.Status));
        Assert.Equal([(1, 0.1)], plan.Jobs[1].Intermediate);
        Assert.False(Directory.Exists(Path.Combine(Dir, "sweep", "1", RunFolder.ResumeDir)), "a pruned trial's resume point was kept without sweeper.keep_pruned");
        Assert.True(File.Exists(Path.Combine(Dir, "sweep", "1", RunFolder.PrunedFile)), "the trial was not told it was pruned, so its tracked run would say killed");
        Assert.Contains("status: pruned", File.ReadAllText(Path.Combine(Dir, "sweep", MultirunRunner.SummaryFile)));
    }

    [Theory]
    [InlineData("the search space is empty", "sweeper.kind=tpe")]
    [InlineData("training.lr: interval(0.1, 0.01) has low > high", "sweeper.kind=tpe", "training.lr=interval(0.1, 0.01)")]
    [InlineData("is a continuous interval, which a grid cannot enumerate", "training.lr=interval(0.001, 0.01)")]
    [InlineData("Invalid value at 'sweeper.trials'", "sweeper.kind=random", "sweeper.trials=0", "training.lr=0.1,0.2")]
    [InlineData("sweeps how the sweep itself runs", "launcher.parallelism=1,2")]
    [InlineData("sweeps how the sweep itself runs", "sweeper.kind=random,tpe", "training.lr=0.1,0.2")]
    public void A_bad_search_fails_the_plan_in_one_line_before_anything_runs(string message, params string[] overrides)
    {
        var error = Assert.ThrowsAny<MlopsException>(() => MultirunRunner.Plan<Schema>(Request(false, overrides), _ => Objective));

        Assert.Contains(message, error.Message);
        Assert.DoesNotContain("\n", error.Message);
        Assert.False(Directory.Exists(Path.Combine(Dir, "sweep")));
    }

    [Fact]
    public async Task A_resumed_grid_keeps_its_finished_jobs_resumes_the_stopped_one_and_runs_the_rest()
    {
        var request = Request(false, "training.lr=0.1,0.2,0.3");
        var first = MultirunRunner.Plan<Schema>(request, _ => Objective);
        var sweep = MultirunRunner.CreateSweepFolder(first);
        await new MultirunRunner(new RecordingLauncher(num => num == 0 ? ExitCodes.Success : ExitCodes.Terminated)).RunAsync(request, first, sweep, _ => { }, default);
        Directory.CreateDirectory(Path.Combine(sweep.Path, "1", RunFolder.ResumeDir)); // job 1 saved before it stopped; job 2 did not
        Directory.CreateDirectory(Path.Combine(sweep.Path, "2"));

        var saved = SweepRequestFile.Read(sweep.Path, failFast: false, ["--verbose"]);
        Assert.Equal(request.Overrides.Select(o => o.Text), saved.Overrides.Select(o => o.Text));
        var again = MultirunRunner.Plan<Schema>(saved, _ => Objective, sweep.Path);
        var launcher = new RecordingLauncher(_ => ExitCodes.Success);
        var code = await new MultirunRunner(launcher).RunAsync(saved, again, MultirunRunner.CreateSweepFolder(again), _ => { }, default);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal([1, 2], launcher.Launches.Select(l => l.Num));
        Assert.Equal([true, false], launcher.Launches.Select(l => l.Resume));
        Assert.Equal(["train", "--resume", Path.Combine(sweep.Path, "1")], launcher.Launches[0].ResumeArguments.Take(3));
        Assert.Equal(["done", "done", "done"], again.Jobs.Select(j => j.Status));
        Assert.Equal(3, File.ReadAllText(Path.Combine(sweep.Path, MultirunRunner.SummaryFile)).Split("status: done").Length - 1);
        // The job kept as it ended keeps the wall time and peak RSS its run recorded.
        Assert.Equal((TimeSpan.FromSeconds(1), 42.0), (again.Jobs[0].Elapsed, again.Jobs[0].PeakRssMb));
    }

    [Fact]
    public async Task A_resumed_sweep_does_not_rerun_a_job_that_finished_unrecorded_and_forgets_a_prune_it_did_not_record()
    {
        var request = Request(false, "training.lr=0.1,0.2");
        var first = MultirunRunner.Plan<Schema>(request, _ => Objective);
        var sweep = MultirunRunner.CreateSweepFolder(first);
        await new MultirunRunner(new RecordingLauncher(_ => ExitCodes.Terminated)).RunAsync(request, first, sweep, _ => { }, default);
        // The sweep was stopped as job 0 finished and as it pruned job 1, before it recorded either.
        void Save(string num, bool finished)
        {
            Directory.CreateDirectory(Path.Combine(sweep.Path, num, RunFolder.ResumeDir));
            File.WriteAllText(Path.Combine(sweep.Path, num, RunFolder.ResumeDir, RunFolder.ResumeStateFile), $"{{\"global_step\": 8, \"finished\": {(finished ? "true" : "false")}}}");
        }
        Save("0", finished: true);
        Save("1", finished: false);
        File.WriteAllText(Path.Combine(sweep.Path, "1", RunFolder.PrunedFile), "");

        var again = MultirunRunner.Plan<Schema>(request, _ => Objective, sweep.Path);
        var launcher = new RecordingLauncher(_ => ExitCodes.Success);
        var code = await new MultirunRunner(launcher).RunAsync(request, again, MultirunRunner.CreateSweepFolder(again), _ => { }, default);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal([1], launcher.Launches.Select(l => l.Num));
        Assert.True(launcher.Launches[0].Resume);
        Assert.Equal(["done", "done"], again.Jobs.Select(j => j.Status));
        Assert.False(File.Exists(Path.Combine(sweep.Path, "1", RunFolder.PrunedFile)), "job 1 ran on, so it must not record itself as pruned");
    }

    [Fact]
    public async Task A_resumed_search_runs_its_unfinished_trials_again_with_their_values_and_proposes_no_more_than_its_budget()
    {
        var request = Request(false, "sweeper.kind=random", "sweeper.trials=4", "training.lr=interval(0.001, 0.01)");
        var first = MultirunRunner.Plan<Schema>(request, _ => Objective);
        var sweep = MultirunRunner.CreateSweepFolder(first);
        var before = new RecordingLauncher(num => num < 2 ? ExitCodes.Success : ExitCodes.Interrupted);
        await new MultirunRunner(before).RunAsync(request, first, sweep, _ => { }, default);

        var again = MultirunRunner.Plan<Schema>(request, _ => Objective, sweep.Path);
        var after = new RecordingLauncher(_ => ExitCodes.Success);
        await new MultirunRunner(after).RunAsync(request, again, MultirunRunner.CreateSweepFolder(again), _ => { }, default);

        Assert.Equal([2, 3], after.Launches.Select(l => l.Num));
        Assert.Equal(before.Launches.Skip(2).Select(LearningRate), after.Launches.Select(LearningRate));
        Assert.Equal(4, again.Jobs.Count);
        Assert.All(again.Jobs, job => Assert.Equal("done", job.Status));
    }

    private static string LearningRate(JobLaunch launch) => launch.Arguments.Single(a => a.StartsWith("training.lr=", StringComparison.Ordinal));
}
