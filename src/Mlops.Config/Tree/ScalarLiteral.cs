using System.Globalization;
using System.Text.RegularExpressions;

namespace Mlops.Config.Tree;

/// <summary>
/// Types plain literals the way YAML 1.2's core schema does (and Hydra's grammar, for <c>inf</c>/<c>nan</c>).
/// Underscored numbers such as <c>1_000</c> stay strings: a value is coerced to the type the config declares,
/// never guessed into another one.
/// </summary>
public static partial class ScalarLiteral
{
    public const string MissingMarker = "???";

    public static ScalarKind Infer(string text) => text switch
    {
        "" or "~" or "null" or "Null" or "NULL" => ScalarKind.Null,
        "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => ScalarKind.Bool,
        MissingMarker => ScalarKind.Missing,
        _ when IntPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => ScalarKind.Int,
        _ when FloatPattern().IsMatch(text) || SpecialFloatPattern().IsMatch(text) => ScalarKind.Float,
        _ => ScalarKind.String,
    };

    public static bool IsInt(string text) => Infer(text) == ScalarKind.Int;

    public static bool IsNumber(string text) => Infer(text) is ScalarKind.Int or ScalarKind.Float;

    public static bool IsBool(string text) => Infer(text) == ScalarKind.Bool;

    public static double ParseFloat(string text)
    {
        var lower = text.ToLowerInvariant().TrimStart('+');
        return lower switch
        {
            "inf" or ".inf" => double.PositiveInfinity,
            "-inf" or "-.inf" => double.NegativeInfinity,
            "nan" or ".nan" => double.NaN,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The canonical text of a float, the shortest that parses back to the same value.</summary>
    public static string Format(double value) => value switch
    {
        double.PositiveInfinity => ".inf",
        double.NegativeInfinity => "-.inf",
        _ when double.IsNaN(value) => ".nan",
        _ when value == Math.Floor(value) && Math.Abs(value) < 1e15 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^[-+]?(\.?inf|\.?Inf|\.?INF|\.?nan|\.?NaN|\.?NAN)$")]
    private static partial Regex SpecialFloatPattern();
}
