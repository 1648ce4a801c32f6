using System.ComponentModel.DataAnnotations;
using Mlops.Runs.Slurm;

namespace Mlops.Runs.Multirun;

/// <summary>The <c>launcher</c> section: where a multirun runs its jobs, how many at once and with how many threads each.</summary>
public sealed record LauncherSpec
{
    /// <summary>Here (<c>local</c>) or on a Slurm cluster (<c>slurm</c>).</summary>
    public LauncherKind Kind { get; init; } = LauncherKind.Local;

    /// <summary>Jobs running (on Slurm: submitted) at the same time; 1 runs them one after another.</summary>
    [Range(1, 256)] public int Parallelism { get; init; } = 1;

    /// <summary>Each job's compute threads; null shares this machine's cores out between the jobs that run at once (on Slurm: the job's CPUs).</summary>
    [Range(1, 1024)] public int? ThreadsPerJob { get; init; }

    /// <summary>The batch jobs' resources and script, for <see cref="LauncherKind.Slurm"/>.</summary>
    public SlurmSpec Slurm { get; init; } = new();

    /// <summary>
    /// The threads each job is pinned to on a machine with <paramref name="processorCount"/> cores, or null where jobs keep
    /// their own setting: one local job at a time with no <see cref="ThreadsPerJob"/>. A Slurm job uses the CPUs it asks for.
    /// </summary>
    public int? JobThreads(int processorCount) => Kind == LauncherKind.Slurm
        ? ThreadsPerJob ?? Slurm.CpusPerTask
        : ThreadsPerJob ?? (Parallelism > 1 ? Math.Max(1, processorCount / Parallelism) : null);
}
