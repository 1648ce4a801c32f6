using System.ComponentModel;
using System.Text.RegularExpressions;
using Mlops.Config;
using Mlops.Core.Processes;

namespace Mlops.Runs.Slurm;

/// <summary>
/// Slurm's own commands (<c>sbatch</c>, <c>scontrol</c>, <c>scancel</c>, <c>sinfo</c>), run as child processes: the
/// cluster's supported interface, which works the same on a laptop's one-node cluster and a site's thousand nodes
/// (slurmrestd is optional and often not deployed). <c>sacct</c> is not used: it needs slurmdbd, which small clusters lack.
/// </summary>
public static partial class SlurmCli
{
    /// <summary>The job's state as <c>scontrol show job</c> reports it, or null once Slurm has forgotten the job (after MinJobAge).</summary>
    public sealed record JobState(string State, string Reason, int Restarts)
    {
        /// <summary>The job has ended for good: not pending, running, completing, requeued or suspended.</summary>
        public bool Ended => State is not ("PENDING" or "RUNNING" or "COMPLETING" or "CONFIGURING" or "REQUEUED" or "REQUEUE_HOLD"
            or "REQUEUE_FED" or "RESIZING" or "SUSPENDED" or "STOPPED" or "SIGNALING" or "STAGE_OUT");

        /// <summary>A requeued job held back by the begin time Slurm gives it (about two minutes on).</summary>
        public bool WaitsToRestart => State == "PENDING" && Reason == "BeginTime" && Restarts > 0;
    }

    /// <summary>Submits a batch script; returns its job id.</summary>
    public static async Task<string> SubmitAsync(string script)
    {
        var output = await RunAsync("sbatch", ["--parsable", script]);
        return output.Split(';')[0].Trim(); // --parsable prints "id" or "id;cluster"
    }

    public static async Task<JobState?> ShowJobAsync(string id)
    {
        var (code, output, error) = await TryRunAsync("scontrol", ["show", "job", "--oneliner", id]);
        if (code != 0)
            return error.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase) ? null : throw Failed("scontrol", error);
        var fields = Field().Matches(output).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        return new JobState(fields.GetValueOrDefault("JobState", "UNKNOWN"), fields.GetValueOrDefault("Reason", ""),
            int.TryParse(fields.GetValueOrDefault("Restarts"), out var restarts) ? restarts : 0);
    }

    /// <summary>Lets a requeued job start now instead of after the begin time Slurm set it.</summary>
    public static Task ReleaseAsync(string id) =>
        RunAsync("scontrol", ["update", $"JobId={id}", "StartTime=now"]);

    /// <summary>Cancels a job: Slurm sends it SIGTERM (the job saves its resume point and exits), then SIGKILL after KillWait.</summary>
    public static Task CancelAsync(string id) => RunAsync("scancel", [id]);

    /// <summary>The cluster's partitions, the default one first; fails with one line where Slurm is not installed or not reachable.</summary>
    public static async Task<IReadOnlyList<string>> PartitionsAsync()
    {
        var output = await RunAsync("sinfo", ["--noheader", "--format=%P"]);
        var names = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        return [.. names.Where(n => n.EndsWith('*')).Select(n => n.TrimEnd('*')), .. names.Where(n => !n.EndsWith('*'))];
    }

    private static async Task<string> RunAsync(string tool, IReadOnlyList<string> args)
    {
        var (code, output, error) = await TryRunAsync(tool, args);
        return code == 0 ? output : throw Failed(tool, error);
    }

    private static async Task<(int Code, string Output, string Error)> TryRunAsync(string tool, IReadOnlyList<string> args)
    {
        try
        {
            // The commands are short and never cancelled half-way: a job submitted as the sweep is cancelled must still be known, to scancel it.
            var result = await ChildProcess.RunAsync(tool, args, CancellationToken.None);
            return (result.ExitCode, result.StdOutTail, result.StdErrTail);
        }
        catch (Win32Exception)
        {
            throw new ConfigException($"launcher=slurm, but Slurm's '{tool}' is not on PATH here.",
                "Run the sweep on a Slurm login node (sbatch, scontrol, scancel and sinfo on PATH), or use launcher=local.");
        }
    }

    private static ConfigException Failed(string tool, string error) =>
        new($"Slurm's {tool} failed: {FirstLine(error)}", "Check that the cluster is up (sinfo) and the launcher.slurm options are valid here.");

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "(no error output)";

    [GeneratedRegex(@"(\w+)=(\S*)")]
    private static partial Regex Field();
}
