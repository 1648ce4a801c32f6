namespace Mlops.Training;

/// <summary>Whether a larger (<see cref="Max"/>) or smaller (<see cref="Min"/>) monitored value is better.</summary>
public enum MonitorMode
{
    Max,
    Min,
}
