using Mlops.Config.Tree;
using Mlops.Config.Yaml;
using Mlops.Core;

namespace Mlops.Runs.Multirun;

/// <summary>Reads back what a multirun wrote in its <c>multirun.yaml</c>: the folder of its best finished job.</summary>
public static class SweepSummary
{
    /// <summary>The best job's folder; one clear error where the sweep has no summary or no finished job.</summary>
    public static string BestFolder(string sweep)
    {
        var path = Path.Combine(sweep, MultirunRunner.SummaryFile);
        if (!File.Exists(path))
            throw new MlopsException($"'{sweep}' has no {MultirunRunner.SummaryFile}.", "Pass the folder mlops train -m printed (Summary: .../multirun.yaml) once the sweep has ended.");
        return YamlConfigReader.Read(File.ReadAllText(path), path)["best"] is ConfigMap best && best["folder"] is ConfigScalar { Kind: ScalarKind.String, Text: var folder }
            ? folder
            : throw new MlopsException($"No job of the sweep in '{sweep}' finished with a score, so it has no best model.", "See the jobs' status in its multirun.yaml.",
                ExitCodes.ModelError);
    }
}
