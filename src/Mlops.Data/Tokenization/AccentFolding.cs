using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Mlops.Data.Tokenization;

/// <summary>
/// BERT uncased's accent stripping (<c>_run_strip_accents</c>: decompose, drop combining marks) from a table that
/// ships with the assembly instead of the OS's ICU, so a host without ICU (a slim container in invariant
/// globalization mode, where <c>string.Normalize</c> silently does nothing) tokenizes exactly like the training host.
/// The table maps each code point to NFC(strip(NFD(c))) where that differs from c; it is generated from ICU and a
/// test checks every code point against it (regenerate with <c>MLOPS_WRITE_ACCENT_TABLE=1</c>, see AccentFoldingTests).
/// </summary>
public static class AccentFolding
{
    public const string ResourceName = "Mlops.Data.Tokenization.accent-folding.txt";

    private static readonly FrozenDictionary<int, string> Table = Load();

    /// <summary>The text with accents stripped; combining marks (BMP, as BERT's check sees them) are dropped.</summary>
    public static string Strip(string text)
    {
        if (Ascii.IsValid(text)) return text;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, text[++i]);
                if (Table.TryGetValue(codePoint, out var folded)) builder.Append(folded);
                else builder.Append(c).Append(text[i]);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            else if (Table.TryGetValue(c, out var folded)) builder.Append(folded);
            else builder.Append(c);
        }
        return builder.ToString();
    }

    private static FrozenDictionary<int, string> Load()
    {
        using var stream = typeof(AccentFolding).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The accent table '{ResourceName}' is not embedded in {typeof(AccentFolding).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            table[Hex(fields[0])] = string.Concat(fields.Skip(1).Select(f => char.ConvertFromUtf32(Hex(f))));
        }
        return table.ToFrozenDictionary();
    }

    private static int Hex(string field) => int.Parse(field, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
