using System.ComponentModel.DataAnnotations;

namespace Mlops.Runs.Slurm;

/// <summary>
/// The <c>launcher.slurm</c> section: what each job asks the cluster for (partition, time limit, CPUs, memory, any other
/// <c>#SBATCH</c> option), the shell lines it runs first (modules, environment), and how it survives its time limit.
/// </summary>
public sealed record SlurmSpec
{
    /// <summary>The partition (<c>--partition</c>); null: the cluster's default.</summary>
    public string? Partition { get; init; }

    /// <summary>The time limit (<c>--time</c>, e.g. <c>30</c> minutes or <c>2:00:00</c>); null: the partition's.</summary>
    public string? Time { get; init; }

    /// <summary>CPUs per job (<c>--cpus-per-task</c>); the job's training threads, unless <c>launcher.threads_per_job</c> is set.</summary>
    [Range(1, 1024)] public int CpusPerTask { get; init; } = 1;

    /// <summary>Memory per job (<c>--mem</c>, e.g. <c>8G</c>); null: the partition's default.</summary>
    public string? Mem { get; init; }

    /// <summary>
    /// Seconds before the time limit at which Slurm signals the job (<c>--signal=B:USR1@N</c>): it saves its resume point
    /// and is requeued, and the requeued job resumes. Slurm checks limits on a coarse timer, so leave a minute or more.
    /// </summary>
    [Range(10, 86400)] public int SignalSeconds { get; init; } = 120;

    /// <summary>Requeue a job that reached its time limit (or was preempted), to resume; false: it ends as interrupted.</summary>
    public bool Requeue { get; init; } = true;

    /// <summary>More options for the job, each one <c>#SBATCH</c> line (e.g. <c>--gres=gpu:1</c>, <c>--account=ml</c>).</summary>
    public IReadOnlyList<string> Extra { get; init; } = [];

    /// <summary>Shell lines the job runs before training (e.g. <c>module load cuda</c>, <c>export HF_HOME=/scratch/hf</c>).</summary>
    public IReadOnlyList<string> Setup { get; init; } = [];

    /// <summary>Seconds between looks at the jobs' states (<c>scontrol show job</c>).</summary>
    [Range(0.1, 3600)] public double PollSeconds { get; init; } = 2;
}
