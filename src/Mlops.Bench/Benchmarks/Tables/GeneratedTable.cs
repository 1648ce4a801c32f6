using System.Globalization;
using System.Text;
using Mlops.Data;
using Mlops.Model;

namespace Mlops.Bench.Benchmarks.Tables;

/// <summary>
/// The seeded CSV that <c>mlops bench table</c> loads, checks and tokenizes: a <c>title</c> (about 8 words) and a
/// <c>body</c> (40 to 60 words) of English words from the BERT vocabulary, drawn with common words more likely; 20 labels,
/// imbalanced (the k-th about 1/k as often as the first); and a <c>split</c> column (a tenth validation). Some fields
/// hold commas, doubled quotes or line breaks, so the reader's quoted path is taken. With a ragged row, the same file
/// but that row lacks its last field, and <see cref="RaggedLine"/> is the line its record starts on.
/// </summary>
public sealed record GeneratedTable(string Path, int Rows, long Bytes, int? RaggedRow, long? RaggedLine)
{
    public static readonly string[] Labels =
    [
        "question", "bug", "feature", "docs", "billing", "login", "performance", "install", "network", "ui",
        "security", "sync", "storage", "upgrade", "refund", "shipping", "translation", "build", "account", "other",
    ];

    private const string Header = "title,body,label,split";

    /// <summary>How the product reads this table: <c>data=table</c> with both text columns, the label and the split column.</summary>
    public DataOptions Options => new() { Name = "table", Path = Path, Text = ["title", "body"], Label = "label", SplitColumn = "split" };

    /// <summary>The same, as the config overrides a user passes to <c>mlops data check</c> or <c>mlops train</c>.</summary>
    public IReadOnlyList<string> Overrides => ["data=table", $"data.path={Path}", "data.text=[title,body]", "data.label=label", "data.split_column=split"];

    /// <summary>
    /// Writes <paramref name="rows"/> rows drawn from <paramref name="seed"/> to <paramref name="path"/>; with
    /// <paramref name="raggedRow"/> (1-based), that row lacks its split field and every other row is as without it.
    /// </summary>
    public static async Task<GeneratedTable> WriteAsync(string path, int rows, int seed, int? raggedRow, CancellationToken cancellationToken)
    {
        if (raggedRow is { } ragged && (ragged < 1 || ragged > rows))
            throw new ArgumentOutOfRangeException(nameof(raggedRow), $"Row {ragged} is not one of the {rows} rows.");
        var words = Vocabulary();
        var random = new Random(seed);
        var labelWeights = Enumerable.Range(1, Labels.Length).Select(k => 1.0 / k).ToArray();
        var total = labelWeights.Sum();
        long line = 2;
        long? raggedLine = null;
        var record = new StringBuilder();
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
        {
            await writer.WriteAsync(Header + "\n");
            for (var row = 1; row <= rows; row++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                record.Clear();
                var title = Text(random, words, random.Next(5, 12), sentences: false);
                var body = Text(random, words, random.Next(40, 61), sentences: true);
                var label = Labels[Draw(random, labelWeights, total)];
                var split = random.NextDouble() < 0.1 ? "validation" : "train";
                AppendField(record, title).Append(',');
                AppendField(record, body).Append(',');
                AppendField(record, label);
                if (row == raggedRow) raggedLine = line;
                else record.Append(',').Append(split);
                record.Append('\n');
                line += title.AsSpan().Count('\n') + body.AsSpan().Count('\n') + 1;
                await writer.WriteAsync(record, cancellationToken);
            }
        }
        return new GeneratedTable(path, rows, new FileInfo(path).Length, raggedRow, raggedLine);
    }

    /// <summary>The whole lowercase words of the embedded BERT vocabulary, in its order (roughly by frequency).</summary>
    private static string[] Vocabulary() =>
    [
        .. EmbeddedMiniLm.ReadVocab().Split('\n', StringSplitOptions.TrimEntries)
            .Where(w => w.Length >= 2 && w.All(char.IsAsciiLetterLower))
    ];

    /// <summary>
    /// <paramref name="count"/> words, common ones likelier (the vocabulary's order, cubed); a body is sentences, some
    /// with commas, a quoted phrase or a paragraph break.
    /// </summary>
    private static string Text(Random random, string[] words, int count, bool sentences)
    {
        var text = new StringBuilder();
        var sentenceStart = true;
        for (var i = 0; i < count; i++)
        {
            var word = words[(int)(Math.Pow(random.NextDouble(), 6) * words.Length)];
            if (i > 0) text.Append(' ');
            if (sentenceStart) word = char.ToUpperInvariant(word[0]) + word[1..];
            if (random.NextDouble() < 0.004) word = $"\"{word}\"";
            text.Append(word);
            sentenceStart = false;
            if (!sentences || i == count - 1) continue;
            var mark = random.NextDouble();
            if (mark < 0.08)
            {
                text.Append('.');
                sentenceStart = true;
                if (random.NextDouble() < 0.02) text.Append('\n');
            }
            else if (mark < 0.11) text.Append(',');
        }
        if (sentences) text.Append('.');
        return text.ToString();
    }

    private static int Draw(Random random, double[] weights, double total)
    {
        var u = random.NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
            if ((u -= weights[i]) < 0) return i;
        return weights.Length - 1;
    }

    /// <summary>A field as CSV writes it: quoted, with its quotes doubled, when it holds a comma, a quote or a line break.</summary>
    private static StringBuilder AppendField(StringBuilder record, string field) =>
        field.AsSpan().IndexOfAny(",\"\n") < 0 ? record.Append(field) : record.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Rows:N0} rows, {Bytes / 1e6:F0} MB ({Path})");
}
