using System.Globalization;

namespace Mlops.Cli;

/// <summary>
/// Numbers as tables print them for people: fixed notation with a few significant digits (0.8123, 1234.6), and a
/// compact exponent only where fixed would be all zeros or too long (3.3e-7, 1.2e+9) - never .NET's 3.28E-007.
/// </summary>
public static class NumberText
{
    /// <summary><paramref name="value"/> with <paramref name="digits"/> significant digits, trailing zeros dropped; "-" for NaN.</summary>
    public static string Format(double value, int digits = 4)
    {
        if (double.IsNaN(value)) return "-";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        if (value == 0) return "0";
        var magnitude = Math.Abs(value);
        if (magnitude is >= 1e-3 and < 1e9)
        {
            var decimals = Math.Max(0, digits - 1 - (int)Math.Floor(Math.Log10(magnitude)));
            var fixedText = Math.Round(value, Math.Min(decimals, 15)).ToString("F" + decimals, CultureInfo.InvariantCulture);
            return decimals == 0 ? fixedText : fixedText.TrimEnd('0').TrimEnd('.');
        }
        var exponent = (int)Math.Floor(Math.Log10(magnitude));
        var mantissa = Math.Round(value / Math.Pow(10, exponent), digits - 1);
        if (Math.Abs(mantissa) >= 10) (mantissa, exponent) = (mantissa / 10, exponent + 1);
        var mantissaText = mantissa.ToString("F" + (digits - 1), CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        return $"{mantissaText}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent)}";
    }
}
