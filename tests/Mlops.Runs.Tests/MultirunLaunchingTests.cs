using Mlops.Config;
using Mlops.Core;
using Mlops.Runs.Multirun;

namespace Mlops.Runs.Tests;

/// <summary>
/// With <c>launcher.parallelism</c>, how many jobs run at once (jobs held by the test until it lets them end, so no
/// timing decides a result), fail-fast and cancelling side by side, and the share of the cores each job is given.
/// </summary>
public sealed class MultirunLaunchingTests : MultirunTest
{
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
}
