namespace Mlops.Tracking;

/// <summary>Where a tracked run stands. A run whose process died without saying so becomes failed once its heartbeat is stale.</summary>
public enum RunStatus
{
    Running,
    Finished,
    Failed,
    /// <summary>Stopped on purpose (Ctrl+C, SIGTERM) after saving its state.</summary>
    Killed,
    /// <summary>A sweep's trial stopped early by its pruner (weaker than the others at the same epoch).</summary>
    Pruned,
}
