using System.Globalization;

namespace Mlops.Core;

/// <summary>Sizes as people read them (<c>812 B</c>, <c>24.2 kB</c>, <c>17.5 MB</c>, decimal units), one format for every command that reports files.</summary>
public static class ByteSize
{
    public static string Describe(long bytes) => bytes switch
    {
        < 1_000 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1_000_000 => (bytes / 1e3).ToString("F1", CultureInfo.InvariantCulture) + " kB",
        < 1_000_000_000 => (bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / 1e9).ToString("F2", CultureInfo.InvariantCulture) + " GB",
    };
}
