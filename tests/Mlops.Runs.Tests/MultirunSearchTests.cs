using Mlops.Core;
using Mlops.Runs.Multirun;

namespace Mlops.Runs.Tests;

/// <summary>
/// Sweeps that search instead of enumerating: a random search's budget drawn from its interval, ASHA stopping a trial
/// that reports worse at its rung, and a bad search refused in one line before anything runs.
/// </summary>
public sealed class MultirunSearchTests : MultirunTest
{
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
}
