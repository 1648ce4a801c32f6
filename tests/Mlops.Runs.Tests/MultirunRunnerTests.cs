using Mlops.Core;
using Mlops.Runs.Multirun;

namespace Mlops.Runs.Tests;

/// <summary>
/// The multirun engine with a launcher that records jobs instead of starting processes: every job pinned to its own
/// folder, failures kept in error.log, fail-fast, the summary file and the exit code that tells jobs failed from a bug.
/// </summary>
public sealed class MultirunRunnerTests : MultirunTest
{
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
}
