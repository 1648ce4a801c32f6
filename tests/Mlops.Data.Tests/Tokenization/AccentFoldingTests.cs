using System.Globalization;
using System.Text;
using Mlops.Data.Tokenization;

namespace Mlops.Data.Tests.Tokenization;

/// <summary>
/// The shipped accent table against ICU on this host, code point by code point: what the tokenizer sees after
/// <see cref="AccentFolding.Strip"/> (then NFC, as FastBertTokenizer does) equals BERT's NFD-and-drop-marks.
/// </summary>
public sealed class AccentFoldingTests
{
    private const string RegenerateVariable = "MLOPS_WRITE_ACCENT_TABLE";

    /// <summary>BERT's <c>_run_strip_accents</c> as ICU computes it: NFD, then drop (UTF-16) non-spacing marks.</summary>
    private static string IcuStrip(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) builder.Append(c);
        return builder.ToString();
    }

    private static IEnumerable<string> CodePoints() =>
        Enumerable.Range(0, 0x110000).Where(cp => cp is < 0xD800 or > 0xDFFF).Select(char.ConvertFromUtf32);

    /// <summary>Every code point ICU folds to something else, as the table lists it (U+FFFE, which ICU refuses, stays itself).</summary>
    private static string ExpectedTable()
    {
        var lines = new List<string> { "# code point -> NFC(strip accents(NFD(code point))), from ICU; regenerate: " + RegenerateVariable + "=1 dotnet test --filter AccentFoldingTests" };
        foreach (var text in CodePoints())
        {
            if (text.Length == 1 && CharUnicodeInfo.GetUnicodeCategory(text[0]) == UnicodeCategory.NonSpacingMark) continue;
            string folded;
            try
            {
                folded = IcuStrip(text).Normalize(NormalizationForm.FormC);
            }
            catch (ArgumentException)
            {
                continue;
            }
            if (folded != text)
                lines.Add(string.Join(' ', new[] { text }.Concat(folded.EnumerateRunes().Select(r => r.ToString())).Select(s => char.ConvertToUtf32(s, 0).ToString("X4", CultureInfo.InvariantCulture))));
        }
        return string.Join('\n', lines) + "\n";
    }

    private static string SourceTablePath() =>
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../src/Mlops.Data/Tokenization/accent-folding.txt"));

    [Fact]
    public void The_shipped_table_is_what_icu_gives_for_every_code_point()
    {
        var expected = ExpectedTable();
        if (Environment.GetEnvironmentVariable(RegenerateVariable) == "1") File.WriteAllText(SourceTablePath(), expected);
        using var stream = typeof(AccentFolding).Assembly.GetManifestResourceStream(AccentFolding.ResourceName)!;
        var shipped = new StreamReader(stream).ReadToEnd();
        Assert.True(expected == shipped, $"The accent table differs from this host's ICU; regenerate it: {RegenerateVariable}=1 dotnet test --filter AccentFoldingTests");
    }

    [Fact]
    public void Folding_then_nfc_equals_icu_stripping_then_nfc_for_every_code_point()
    {
        var mismatches = CodePoints().Where(t => t != "\uFFFE")
            .Where(t => AccentFolding.Strip(t).Normalize(NormalizationForm.FormC) != IcuStrip(t).Normalize(NormalizationForm.FormC)).Take(5).ToList();
        Assert.True(mismatches.Count == 0, string.Join(", ", mismatches.Select(m => $"U+{char.ConvertToUtf32(m, 0):X4}")));
    }

    [Fact]
    public void Mixed_text_folds_like_icu()
    {
        var random = new Random(7);
        string[] pieces = ["José", "naïve", "Ωμέγα", "Ångström", "\u212B", "e\u0301", "가나", "𝒜", "ﬁ", "Zürich straße", "\U0001D15E", " ", "the dog"];
        for (var i = 0; i < 1000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 6)).Select(_ => pieces[random.Next(pieces.Length)]));
            Assert.Equal(IcuStrip(text).Normalize(NormalizationForm.FormC), AccentFolding.Strip(text).Normalize(NormalizationForm.FormC));
        }
    }

    [Fact]
    public void Strips_without_the_os_normaliser_and_accepts_any_code_point()
    {
        Assert.Equal("Jose naive", AccentFolding.Strip("José naïve"));
        Assert.Equal("a\uFFFEb", AccentFolding.Strip("a\uFFFEb"));
        Assert.Equal("plain ascii", AccentFolding.Strip("plain ascii"));
    }
}
