namespace Mlops.Monitoring.Drift;

/// <summary>
/// The serving side of drift detection: a ring of the last <see cref="DriftThresholds.Window"/> predictions, cheap to
/// add to from many request threads, and <see cref="Evaluate"/> comparing a copy of it with the reference (through
/// <see cref="DriftAnalysis"/>, as <c>mlops monitor</c> does offline).
/// </summary>
public sealed class DriftMonitor(ReferenceProfile reference, DriftThresholds thresholds)
{
    private readonly PredictionObservation[] _ring = new PredictionObservation[thresholds.Window];
    private readonly Lock _lock = new();
    private long _seen;

    /// <summary>Predictions observed since the start.</summary>
    public long Seen => Interlocked.Read(ref _seen);

    public void Observe(PredictionObservation observation)
    {
        lock (_lock)
        {
            _ring[_seen % _ring.Length] = observation;
            _seen++;
        }
    }

    public DriftReport Evaluate()
    {
        PredictionObservation[] window;
        lock (_lock)
        {
            window = _ring[..(int)Math.Min(_seen, _ring.Length)];
        }
        return DriftAnalysis.Compare(reference, window, thresholds);
    }
}
