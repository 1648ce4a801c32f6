using System.Diagnostics;
using Mlops.Runs.Multirun;
using Mlops.Runs.Slurm;

namespace Mlops.Runs.Tests.Slurm;

/// <summary>
/// The batch script of a sweep job: the resources and options it asks Slurm for, and - run by bash with a stand-in
/// program, no cluster needed - what it runs on a first start and on a restart, and how it records the exit code.
/// </summary>
public sealed class SlurmJobScriptTests : TempDirectoryTest
{
    private JobLaunch Job => new(3, ["train", "training.lr=1e-4", "note=it's"], ["train", "--resume", Path.Combine(Dir, "sweep", "3")],
        Path.Combine(Dir, "sweep", "3"), Path.Combine(Dir, "sweep"));

    private static IEnumerable<string> SbatchLines(string script) => script.Split('\n').Where(l => l.StartsWith("#SBATCH "));

    [Fact]
    public void The_script_asks_for_what_the_config_says_and_only_that()
    {
        var spec = new SlurmSpec { Partition = "gpu", Time = "2:00:00", Mem = "8G", SignalSeconds = 90, Extra = ["--gres=gpu:1"] };

        var lines = SbatchLines(new SlurmJobScript(Job, spec, 4, ["mlops"], Dir).Render()).ToList();

        Assert.Contains("#SBATCH --partition=gpu", lines);
        Assert.Contains("#SBATCH --time=2:00:00", lines);
        Assert.Contains("#SBATCH --mem=8G", lines);
        Assert.Contains("#SBATCH --cpus-per-task=4", lines);
        Assert.Contains("#SBATCH --signal=B:USR1@90", lines);
        Assert.Contains("#SBATCH --requeue", lines);
        Assert.Contains("#SBATCH --gres=gpu:1", lines);
        Assert.Contains($"#SBATCH --output={Path.Combine(Dir, "sweep", ".slurm", "3.out")}", lines);

        var defaults = SbatchLines(new SlurmJobScript(Job, new SlurmSpec { Requeue = false }, 1, ["mlops"], Dir).Render()).ToList();
        Assert.DoesNotContain(defaults, l => l.Contains("--partition") || l.Contains("--time") || l.Contains("--mem") || l.Contains("--signal"));
        Assert.Contains("#SBATCH --no-requeue", defaults);
    }

    [Fact]
    public async Task A_first_start_runs_the_job_and_records_its_exit_code()
    {
        var (code, calls) = await RunScriptAsync(restartCount: 0, exitWith: 7);

        Assert.Equal(7, code);
        Assert.Equal("train training.lr=1e-4 note=it's", calls);
        Assert.Equal("7", File.ReadAllText(Path.Combine(Dir, "sweep", ".slurm", "3.exit")).Trim());
    }

    [Fact]
    public async Task A_restart_with_a_saved_resume_point_resumes_it()
    {
        Directory.CreateDirectory(Path.Combine(Dir, "sweep", "3", "last"));

        var (code, calls) = await RunScriptAsync(restartCount: 1, exitWith: 0);

        Assert.Equal(0, code);
        Assert.Equal($"train --resume {Path.Combine(Dir, "sweep", "3")}", calls);
    }

    [Fact]
    public async Task A_restart_before_any_save_starts_over_in_the_same_folder()
    {
        Directory.CreateDirectory(Path.Combine(Dir, "sweep", "3"));
        File.WriteAllText(Path.Combine(Dir, "sweep", "3", "train.log"), "the first start's log");

        var (_, calls) = await RunScriptAsync(restartCount: 1, exitWith: 0);

        Assert.StartsWith("train training.lr=1e-4", calls);
        Assert.False(File.Exists(Path.Combine(Dir, "sweep", "3", "train.log")), "the aborted start's files were left for the new start to step around");
    }

    /// <summary>Runs the rendered script with bash as Slurm would, its program a stand-in that records its arguments and exits with <paramref name="exitWith"/>.</summary>
    private async Task<(int Code, string Calls)> RunScriptAsync(int restartCount, int exitWith)
    {
        var program = Path.Combine(Dir, "program.sh");
        var calls = Path.Combine(Dir, "calls.txt");
        File.WriteAllText(program, $"#!/bin/bash\necho \"$*\" >> '{calls}'\nexit {exitWith}\n");
        var script = new SlurmJobScript(Job, new SlurmSpec { Setup = ["export FROM_SETUP=1"] }, 1, ["bash", program], Dir);
        Directory.CreateDirectory(Path.GetDirectoryName(script.ScriptPath)!);
        File.WriteAllText(script.ScriptPath, script.Render());
        var start = new ProcessStartInfo("bash", [script.ScriptPath]);
        start.Environment["SLURM_RESTART_COUNT"] = restartCount.ToString();
        start.Environment["SLURM_JOB_ID"] = "42";
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        return (process.ExitCode, File.ReadAllText(calls).Trim());
    }
}
