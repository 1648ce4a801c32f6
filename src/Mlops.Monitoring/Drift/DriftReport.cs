using Mlops.Monitoring.Performance;

namespace Mlops.Monitoring.Drift;

/// <summary>Whether a window drifted: enough data and no signal over its threshold, at least one over, or too few events to say.</summary>
public enum DriftState
{
    InsufficientData,
    NoDrift,
    Drift,
}

/// <summary>
/// One signal's comparison: the method and its statistic, p-value (NaN where the method has none), effect size and the
/// threshold the decision used, and whether it drifted.
/// </summary>
public sealed record DriftSignal(string Name, string Method, double Statistic, double PValue, double Effect, double Threshold, bool Drifted);

/// <summary>
/// The comparison of one window of live predictions with the reference profile, and the window's estimated accuracy and
/// MCC (<see cref="Estimate"/>), or in a sentence why there is none (<see cref="NoEstimate"/>).
/// </summary>
public sealed record DriftReport(DriftState State, int Events, int MinEvents, IReadOnlyList<DriftSignal> Signals, PerformanceEstimate? Estimate,
    string? NoEstimate)
{
    public IEnumerable<DriftSignal> Drifted => Signals.Where(s => s.Drifted);

    /// <summary>
    /// The largest effect as a multiple of its threshold (1: as large as alarms, when significant); one number to chart
    /// drift by. Null while the window is too small to decide: a few events' effects are noise, and a number there would
    /// read as an alarm.
    /// </summary>
    public double? Score => State == DriftState.InsufficientData ? null : Signals.Max(s => s.Threshold > 0 ? s.Effect / s.Threshold : 0);
}

/// <summary>The state of the window after <see cref="AtEvent"/> events of a replay.</summary>
public sealed record MonitorWindow(int AtEvent, DriftReport Report);

/// <summary><c>mlops monitor --json</c>: what was compared, after how many events the first alarm came, each full window and the last one.</summary>
public sealed record MonitorReport(string Profile, string ReferenceSource, int Events, int OtherLines, int? FirstAlarmAt, DriftReport? FirstAlarm,
    IReadOnlyList<MonitorWindow> Windows, DriftReport Last);
