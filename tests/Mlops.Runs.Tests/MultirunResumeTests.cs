using Mlops.Core;
using Mlops.Runs.Multirun;

namespace Mlops.Runs.Tests;

/// <summary>
/// <c>-m --resume</c>: a stopped grid or search continues where it stopped, keeping what finished and what it recorded.
/// </summary>
public sealed class MultirunResumeTests : MultirunTest
{
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
