using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Mlops.Training.Callbacks;

/// <summary>
/// Keeps the best model by the monitored metric: whenever an evaluation improves on the best so far it
/// calls <paramref name="save"/> with the metrics of that evaluation. The save itself is atomic per file.
/// </summary>
public sealed class ModelCheckpoint(MonitoredMetric metric, Func<ValidationResult, Task> save) : Callback
{
    private double? _best;

    public double? Best => _best;

    public override string StateKey => $"ModelCheckpoint[{metric.Key},{metric.Mode}]";

    public override void OnValidationEnd(Trainer trainer, ValidationResult result)
    {
        var value = metric.Read(result, nameof(ModelCheckpoint));
        if (!metric.IsImprovement(value, _best)) return;
        _best = value;
        save(result).GetAwaiter().GetResult();
        trainer.Logger.LogDebug("New best '{Key}' = {Value:F4} at step {Step}; model saved.", metric.Key, value, result.GlobalStep);
    }

    public override JsonNode? StateDict() => new JsonObject { ["best"] = _best };

    public override void LoadStateDict(JsonNode state) => _best = (double?)state["best"];
}
