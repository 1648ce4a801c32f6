using System.ComponentModel.DataAnnotations;

namespace Mlops.Runs.Multirun;

/// <summary>The <c>launcher</c> section: how a multirun runs its jobs here, how many at once and with how many threads each.</summary>
public sealed record LauncherSpec
{
    /// <summary>Jobs running at the same time; 1 runs them one after another.</summary>
    [Range(1, 256)] public int Parallelism { get; init; } = 1;

    /// <summary>Each job's compute threads; null shares the machine's cores out between the jobs that run at once.</summary>
    [Range(1, 1024)] public int? ThreadsPerJob { get; init; }

    /// <summary>
    /// The threads each job is pinned to on a machine with <paramref name="processorCount"/> cores, or null where jobs keep
    /// their own setting: one job at a time with no <see cref="ThreadsPerJob"/>.
    /// </summary>
    public int? JobThreads(int processorCount) =>
        ThreadsPerJob ?? (Parallelism > 1 ? Math.Max(1, processorCount / Parallelism) : null);
}
