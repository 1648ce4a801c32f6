using Mlops.Core;

namespace Mlops.Cli.Bench;

/// <summary>Finds <c>shared/</c> files (anchors, CoLA) beside the checkout, walking up from the working directory.</summary>
public static class AnchorLocator
{
    public static string? FindShared(string relative)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relative);
            if (File.Exists(candidate) || Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static string Require(string? given, string relative, string option) =>
        given ?? FindShared(relative)
        ?? throw new MlopsException($"Cannot find 'shared/{relative}' beside this checkout.", $"Pass {option} <path>.");
}
