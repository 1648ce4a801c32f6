namespace Mlops.Monitoring.Drift;

/// <summary>
/// The serving side of drift detection: a ring of the last <see cref="DriftThresholds.Window"/> predictions, cheap to
/// add to from many request threads, and <see cref="Evaluate"/> comparing a copy of it with the reference (through
/// <see cref="DriftAnalysis"/>, as <c>mlops monitor</c> does offline). Embeddings of the reference's width are copied
/// into one preallocated block, so the ring keeps no prediction's array alive (thousands a second promoted to the old
/// generation would cost the garbage collector more than the rest of monitoring).
/// </summary>
public sealed class DriftMonitor
{
    private readonly ReferenceProfile _reference;
    private readonly DriftThresholds _thresholds;
    private readonly PredictionObservation[] _ring;
    private readonly int _width;
    private readonly float[] _embeddings;
    private readonly bool[] _hasEmbedding;
    private readonly Lock _lock = new();
    private long _seen;

    public DriftMonitor(ReferenceProfile reference, DriftThresholds thresholds)
    {
        (_reference, _thresholds) = (reference, thresholds);
        _ring = new PredictionObservation[thresholds.Window];
        _width = reference.Embeddings?.Centroid.Count ?? 0;
        _embeddings = new float[_ring.Length * _width];
        _hasEmbedding = new bool[_ring.Length];
    }

    /// <summary>Predictions observed since the start.</summary>
    public long Seen => Interlocked.Read(ref _seen);

    public void Observe(PredictionObservation observation)
    {
        var embedding = observation.Embedding is { } vector && vector.Length == _width && _width > 0 ? vector : null;
        lock (_lock)
        {
            var slot = (int)(_seen % _ring.Length);
            _ring[slot] = observation with { Embedding = null };
            if (embedding is not null) embedding.CopyTo(_embeddings, slot * _width);
            _hasEmbedding[slot] = embedding is not null;
            _seen++;
        }
    }

    /// <summary>The report on the current window; <paramref name="estimatePerformance"/> as in <see cref="DriftAnalysis.Compare"/>.</summary>
    public DriftReport Evaluate(bool estimatePerformance = true)
    {
        PredictionObservation[] window;
        lock (_lock)
        {
            window = _ring[..(int)Math.Min(_seen, _ring.Length)];
            for (var slot = 0; slot < window.Length; slot++)
                if (_hasEmbedding[slot]) window[slot] = window[slot] with { Embedding = _embeddings.AsSpan(slot * _width, _width).ToArray() };
        }
        return DriftAnalysis.Compare(_reference, window, _thresholds, estimatePerformance);
    }
}
