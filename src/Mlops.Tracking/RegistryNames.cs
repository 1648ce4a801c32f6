using System.Text.RegularExpressions;
using Mlops.Core;

namespace Mlops.Tracking;

/// <summary>Model names and aliases: a letter, then letters, digits, '.', '_' or '-' (so an alias never reads as a version number).</summary>
public static partial class RegistryNames
{
    public static void Check(string value, string what)
    {
        if (!Pattern().IsMatch(value))
            throw new MlopsException($"'{value}' is not a valid {what}: start with a letter, then letters, digits, '.', '_' or '-' (at most 100).",
                null, ExitCodes.UserError);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex Pattern();
}
