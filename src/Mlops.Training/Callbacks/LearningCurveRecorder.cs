namespace Mlops.Training.Callbacks;

/// <summary>
/// Keeps the training loss of every step and each validation metric of every evaluation in memory, for the learning
/// curves drawn when the run ends (a few megabytes even for a hundred thousand steps).
/// </summary>
public sealed class LearningCurveRecorder : Callback
{
    private readonly Dictionary<string, List<(long Step, double Value)>> _curves = new(StringComparer.Ordinal);

    /// <summary>Each recorded series by key, in step order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<(long Step, double Value)>> Curves =>
        _curves.ToDictionary(c => c.Key, c => (IReadOnlyList<(long, double)>)c.Value, StringComparer.Ordinal);

    public override void OnTrainBatchEnd(Trainer trainer, TrainStepResult step) => Add("train_loss", step.GlobalStep, step.Loss);

    public override void OnValidationEnd(Trainer trainer, ValidationResult result)
    {
        foreach (var (name, value) in result.Metrics) Add(name, result.GlobalStep, value);
    }

    private void Add(string key, long step, double value)
    {
        if (!double.IsFinite(value)) return;
        if (!_curves.TryGetValue(key, out var points)) _curves[key] = points = [];
        points.Add((step, value));
    }
}
