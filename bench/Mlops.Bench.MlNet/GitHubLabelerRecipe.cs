using Microsoft.ML;
using Microsoft.ML.Data;

namespace Mlops.Bench.MlNet;

/// <summary>
/// ML.NET's own multi-class sample, GitHubLabeler (dotnet/machinelearning-samples,
/// samples/csharp/end-to-end-apps/MulticlassClassification-GitHubLabeler), reproduced step for step: Area to a key,
/// FeaturizeText on Title and on Description with their defaults, the two concatenated and cached, SdcaMaximumEntropy
/// with its defaults, the predicted key mapped back to its area.
/// </summary>
public static class GitHubLabelerRecipe
{
    /// <summary>
    /// The loader for the harness's TSVs: a header, tab-separated, fields quoted where they hold a tab, a quote or a line
    /// break (quotes doubled), so a field may span lines. The sample read its file without quoting; its rows held none of those.
    /// </summary>
    public static TextLoader.Options Loader { get; } = new()
    {
        HasHeader = true,
        Separators = ['\t'],
        AllowQuoting = true,
        ReadMultilines = true,
        EscapeChar = '"',
    };

    public static IEstimator<ITransformer> Pipeline(MLContext ml) =>
        ml.Transforms.Conversion.MapValueToKey(outputColumnName: "Label", inputColumnName: nameof(Issue.Area))
            .Append(ml.Transforms.Text.FeaturizeText(outputColumnName: "TitleFeaturized", inputColumnName: nameof(Issue.Title)))
            .Append(ml.Transforms.Text.FeaturizeText(outputColumnName: "DescriptionFeaturized", inputColumnName: nameof(Issue.Description)))
            .Append(ml.Transforms.Concatenate("Features", "TitleFeaturized", "DescriptionFeaturized"))
            .AppendCacheCheckpoint(ml)
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy("Label", "Features"))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
}
