namespace Mlops.Runs.Multirun;

/// <summary>Where a multirun's jobs run: <c>launcher.kind</c>, set by the <c>launcher</c> group option.</summary>
public enum LauncherKind
{
    /// <summary>Child processes on this machine.</summary>
    Local,
    /// <summary>Batch jobs on a Slurm cluster, submitted with <c>sbatch</c>.</summary>
    Slurm,
}
