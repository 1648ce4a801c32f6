using System.Globalization;
using System.Text;

namespace Mlops.Config.Interpolation;

/// <summary>
/// Python's strftime codes, which Hydra users write in <c>${now:...}</c>. Hand-written because .NET has no
/// strftime and the common codes are a dozen lines.
/// </summary>
public static class Strftime
{
    public static string Format(DateTimeOffset time, string format, string where)
    {
        var result = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 == format.Length) { result.Append(format[i]); continue; }
            var code = format[++i];
            result.Append(code switch
            {
                'Y' => time.ToString("yyyy", CultureInfo.InvariantCulture),
                'y' => time.ToString("yy", CultureInfo.InvariantCulture),
                'm' => time.ToString("MM", CultureInfo.InvariantCulture),
                'd' => time.ToString("dd", CultureInfo.InvariantCulture),
                'H' => time.ToString("HH", CultureInfo.InvariantCulture),
                'M' => time.ToString("mm", CultureInfo.InvariantCulture),
                'S' => time.ToString("ss", CultureInfo.InvariantCulture),
                'f' => time.ToString("ffffff", CultureInfo.InvariantCulture),
                'j' => time.DayOfYear.ToString("000", CultureInfo.InvariantCulture),
                '%' => "%",
                _ => throw new ConfigException($"Unknown date code '%{code}' in '${{now:{format}}}' at '{where}'.",
                    "Supported: %Y %y %m %d %H %M %S %f %j %%."),
            });
        }
        return result.ToString();
    }
}
