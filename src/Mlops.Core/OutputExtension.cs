namespace Mlops.Core;

/// <summary>An output file's extension checked against the formats its writer offers, before any work is done.</summary>
public static class OutputExtension
{
    /// <summary>The lower-cased extension of <paramref name="path"/>; one clear line (exit 2) when it is not in <paramref name="allowed"/>.</summary>
    public static string Require(string path, IReadOnlyList<string> allowed)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (!allowed.Contains(extension))
            throw new MlopsException($"Output file '{path}' has extension '{extension}'.", $"Use one of {string.Join(", ", allowed)}.", ExitCodes.UserError);
        return extension;
    }
}
