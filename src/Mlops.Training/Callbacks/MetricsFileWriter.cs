using System.Text.Json;

namespace Mlops.Training.Callbacks;

/// <summary>
/// Appends one JSON line per evaluation (<c>{"epoch":0,"step":100,"val_mcc":0.31,...}</c>) to a file, so a run's
/// metric history sits in its folder and a multirun can summarise its jobs. One small write per evaluation,
/// never per step, keeps it off the hot path.
/// </summary>
public sealed class MetricsFileWriter(string path) : Callback
{
    public override void OnValidationEnd(Trainer trainer, ValidationResult result)
    {
        var line = new Dictionary<string, object> { ["epoch"] = result.Epoch, ["step"] = result.GlobalStep };
        foreach (var (name, value) in result.Metrics) line[name] = double.IsFinite(value) ? value : value.ToString();
        File.AppendAllText(path, JsonSerializer.Serialize(line) + "\n");
    }
}
