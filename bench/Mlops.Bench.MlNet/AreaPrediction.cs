using Microsoft.ML.Data;

namespace Mlops.Bench.MlNet;

/// <summary>What the trained pipeline says of one issue: its area, mapped back from the key the trainer predicted.</summary>
public sealed class AreaPrediction
{
    [ColumnName("PredictedLabel")] public string Area { get; set; } = "";
}
