using Mlops.Core;

namespace Mlops.Bench;

/// <summary>
/// Finds benchmark inputs by walking up from the working directory: <c>shared/</c> files beside the checkout
/// (anchors, CoLA) and the repository's own <c>bench/</c> scripts.
/// </summary>
public static class AnchorLocator
{
    public static string? FindShared(string relative) => FindUp(Path.Combine("shared", relative));

    public static string? FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate) || Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static string Require(string? given, string relative, string option) =>
        given ?? FindShared(relative)
        ?? throw new MlopsException($"Cannot find 'shared/{relative}' beside this checkout.", $"Pass {option} <path>.");
}
