namespace Mlops.Monitoring.Drift;

/// <summary>
/// Logged traffic replayed through a <see cref="DriftMonitor"/> as the serving host saw it: evaluated every
/// <c>every</c> events (as a scrape would), so the report says after how many events the first alarm came, and what
/// each full window and the last one looked like.
/// </summary>
public static class TrafficReplay
{
    /// <summary>The replay: the first alarm's event count and report (none without one), each full window, the last window.</summary>
    public sealed record Result(int Events, int? FirstAlarmAt, DriftReport? FirstAlarm, IReadOnlyList<MonitorWindow> Windows, DriftReport Last);

    public static Result Run(ReferenceProfile reference, IReadOnlyList<PredictionObservation> traffic, DriftThresholds thresholds, int every)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        var monitor = new DriftMonitor(reference, thresholds);
        int? firstAlarm = null;
        DriftReport? firstReport = null;
        var windows = new List<MonitorWindow>();
        for (var i = 0; i < traffic.Count; i++)
        {
            monitor.Observe(traffic[i]);
            var seen = i + 1;
            var full = seen % thresholds.Window == 0;
            if (firstAlarm is not null && !full) continue;
            if (seen % every != 0 && !full) continue;
            var report = monitor.Evaluate();
            if (firstAlarm is null && report.State == DriftState.Drift) (firstAlarm, firstReport) = (seen, report);
            if (full) windows.Add(new MonitorWindow(seen, report));
        }
        return new Result(traffic.Count, firstAlarm, firstReport, windows, monitor.Evaluate());
    }
}
