using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Mlops.Core;
using Mlops.Data.Tables;

namespace Mlops.Inference.Files;

/// <summary>
/// Streams the sentences of an input file row by row, whatever its size: <c>.txt</c> (one sentence a line, blank lines
/// skipped), <c>.csv</c>/<c>.tsv</c> with a header naming the columns, or <c>.jsonl</c> objects with string fields. Several
/// text columns are joined as training joined them (<see cref="RowText.AppendPart"/>); sentence pairs come from a second
/// column or field (CSV, TSV and JSON lines only: a text file has one text a line).
/// A row that cannot be read comes back with its line number and the reason, and the stream goes on.
/// </summary>
public static class SentenceFileReader
{
    public static readonly IReadOnlyList<string> Extensions = [".txt", ".csv", ".tsv", ".jsonl"];

    /// <summary>
    /// The rows of <paramref name="path"/>; <paramref name="columns"/> names the CSV/TSV columns or JSON fields with the text
    /// (ignored for .txt) and the one with each row's second text (null: single texts); <paramref name="progress"/> gets the
    /// bytes read so far.
    /// </summary>
    public static async IAsyncEnumerable<InputRow> ReadAsync(string path, InputColumns columns, IProgress<long>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (!Extensions.Contains(extension))
            throw new MlopsException($"Input file '{path}' has extension '{extension}'.", $"Use one of {string.Join(", ", Extensions)}.", ExitCodes.DataError);
        if (columns.Pair is not null && extension == ".txt")
            throw new MlopsException($"Input file '{path}' has one text a line, but the model classifies sentence pairs.",
                $"Give a .csv, .tsv or .jsonl file with the second texts in a column or field '{columns.Pair}' (--pair-column).", ExitCodes.DataError);
        if (!File.Exists(path))
            throw new MlopsException($"Input file '{path}' does not exist.", null, ExitCodes.DataError);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        using var reader = new StreamReader(stream);
        var rows = extension switch
        {
            ".txt" => Lines(reader, cancellationToken),
            ".jsonl" => JsonLines(reader, columns, cancellationToken),
            _ => Delimited(reader, path, extension == ".tsv" ? "\t" : ",", columns, cancellationToken),
        };
        var any = false;
        await foreach (var row in rows)
        {
            any = true;
            progress?.Report(stream.Position);
            yield return row;
        }
        if (!any)
            throw new MlopsException($"Input file '{path}' has no sentences.", "Give a file with one sentence per line (.txt), a header and rows (.csv, .tsv) or JSON objects (.jsonl).",
                ExitCodes.DataError);
    }

    private static async IAsyncEnumerable<InputRow> Lines(StreamReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var line = 0L;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (!string.IsNullOrWhiteSpace(text)) yield return new InputRow(line, text);
        }
    }

    private static async IAsyncEnumerable<InputRow> JsonLines(StreamReader reader, InputColumns fields,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var line = 0L;
        var joined = new RowText();
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            yield return ParseJson(line, text, fields, joined);
        }
    }

    private static InputRow ParseJson(long line, string text, InputColumns fields, RowText joined)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new InputRow(line, null, "not a JSON object");
            string? StringField(string name) => root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String ? element.GetString() : null;
            joined.Clear();
            foreach (var field in fields.Text)
                if (StringField(field) is { } part) joined.AppendPart(part, fields.Separator);
                else return new InputRow(line, null, $"no string field '{field}'");
            var value = joined.Span.ToString();
            if (fields.Pair is null) return new InputRow(line, value);
            return StringField(fields.Pair) is { } pair ? new InputRow(line, value) { Pair = pair } : new InputRow(line, null, $"no string field '{fields.Pair}'");
        }
        catch (JsonException e)
        {
            return new InputRow(line, null, $"not JSON ({e.Message})");
        }
    }

    private static async IAsyncEnumerable<InputRow> Delimited(StreamReader reader, string path, string delimiter, InputColumns columns,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = delimiter, BadDataFound = null, MissingFieldFound = null };
        using var csv = new CsvReader(reader, configuration);
        if (!await csv.ReadAsync() || !csv.ReadHeader())
            yield break;
        var header = csv.HeaderRecord ?? [];
        int Index(string name, string option)
        {
            var index = Array.FindIndex(header, h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));
            return index >= 0 ? index
                : throw new MlopsException($"Input file '{path}' has no column '{name}' (its columns: {string.Join(", ", header)}).",
                    $"Name the column that holds the {(option == "--column" ? "sentences" : "second texts")} with {option}.", ExitCodes.DataError);
        }
        var indices = columns.Text.Select(c => Index(c, "--column")).ToArray();
        var pairIndex = columns.Pair is null ? -1 : Index(columns.Pair, "--pair-column");
        var (last, lastName) = columns.Text.Select((c, i) => (Index: indices[i], Name: c)).Append((Index: pairIndex, Name: columns.Pair ?? "")).MaxBy(c => c.Index);
        var previousEnd = csv.Parser.RawRow;
        var joined = new RowText();
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            // RawRow is the line a record ends on; a quoted field may span lines, and the row is named by its first.
            var line = previousEnd + 1;
            previousEnd = csv.Parser.RawRow;
            yield return csv.Parser.Count > last
                ? new InputRow(line, Joined(joined, indices.Select(i => csv.GetField(i) ?? ""), columns.Separator)) { Pair = pairIndex < 0 ? null : csv.GetField(pairIndex) }
                : new InputRow(line, null, $"{csv.Parser.Count} field(s), the column '{lastName}' is field {last + 1}");
        }
    }

    /// <summary>A row's text from its text columns' values, joined by the rule training's table readers follow.</summary>
    private static string Joined(RowText text, IEnumerable<string> parts, string separator)
    {
        text.Clear();
        foreach (var part in parts) text.AppendPart(part, separator);
        return text.Span.ToString();
    }
}
