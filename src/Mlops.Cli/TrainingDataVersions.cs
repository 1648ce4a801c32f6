using Microsoft.Extensions.Logging;
using Mlops.Core;
using Mlops.Data;
using Mlops.Versioning;

namespace Mlops.Cli;

/// <summary>
/// The versions of tracked data (<c>mlops data add</c>) a training run reads, for its model card and tracked run: each
/// logged with the commit that brings it back, or with a warning when that commit alone cannot.
/// </summary>
public static class TrainingDataVersions
{
    /// <summary>
    /// The tracked data among the dataset's local paths; null when it reads none, or (with a warning: versioning never
    /// stops training) when the project's <c>.dvc</c> files cannot be read.
    /// </summary>
    public static async Task<IReadOnlyList<DataVersion>?> FindAsync(DataOptions data, ILogger logger, CancellationToken cancellationToken)
    {
        IReadOnlyList<TrackedData> found;
        try
        {
            found = await DataVersions.OfAsync(data.LocalPaths(), cancellationToken);
        }
        catch (MlopsException e)
        {
            logger.LogWarning("The model's data version cannot be told, so its card records none: {Message}", e.Message);
            return null;
        }
        foreach (var (version, change) in found)
            if (change is null)
                logger.LogInformation("Training data {Path} is {Md5} of {DvcFile} as commit {Commit} names it (once pushed, mlops data pull --rev {Commit} brings it back).",
                    version.Path, version.Md5, version.DvcFile, version.GitRev, version.GitRev);
            else
                logger.LogWarning("The model's data version cannot be reproduced from git alone: {Change}. The model card records {Path} as {Md5} of {DvcFile}, dirty.",
                    change, version.Path, version.Md5, version.DvcFile);
        return found.Count == 0 ? null : [.. found.Select(f => f.Version)];
    }
}
