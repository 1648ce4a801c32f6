using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Mlops.Training.Callbacks;

/// <summary>Stops training (through <see cref="Trainer.ShouldStop"/>) after <c>patience</c> evaluations without improvement.</summary>
public sealed class EarlyStopping(MonitoredMetric metric, int patience) : Callback
{
    private double? _best;
    private int _bad;

    public override string StateKey => $"EarlyStopping[{metric.Key},{metric.Mode}]";

    public override void OnValidationEnd(Trainer trainer, ValidationResult result)
    {
        var value = metric.Read(result, nameof(EarlyStopping));
        if (metric.IsImprovement(value, _best))
        {
            (_best, _bad) = (value, 0);
            return;
        }
        if (++_bad < patience) return;
        trainer.ShouldStop = true;
        trainer.Logger.LogInformation("Early stopping: '{Key}' did not improve on {Best:F4} for {Patience} evaluations.", metric.Key, _best, patience);
    }

    public override JsonNode? StateDict() => new JsonObject { ["best"] = _best, ["bad"] = _bad };

    public override void LoadStateDict(JsonNode state) => (_best, _bad) = ((double?)state["best"], (int?)state["bad"] ?? 0);
}
