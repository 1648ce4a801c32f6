using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Mlops.Core;

namespace Mlops.Inference.Files;

/// <summary>
/// Streams the sentences of an input file row by row, whatever its size: <c>.txt</c> (one sentence a line, blank lines
/// skipped), <c>.csv</c>/<c>.tsv</c> with a header naming the column, or <c>.jsonl</c> objects with a string field.
/// A row that cannot be read comes back with its line number and the reason, and the stream goes on.
/// </summary>
public static class SentenceFileReader
{
    public static readonly IReadOnlyList<string> Extensions = [".txt", ".csv", ".tsv", ".jsonl"];

    /// <summary>The rows of <paramref name="path"/>; <paramref name="column"/> names the CSV/TSV column or JSON field with the text (ignored for .txt), <paramref name="progress"/> gets the bytes read so far.</summary>
    public static async IAsyncEnumerable<InputRow> ReadAsync(string path, string column, IProgress<long>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (!Extensions.Contains(extension))
            throw new MlopsException($"Input file '{path}' has extension '{extension}'.", $"Use one of {string.Join(", ", Extensions)}.", ExitCodes.DataError);
        if (!File.Exists(path))
            throw new MlopsException($"Input file '{path}' does not exist.", null, ExitCodes.DataError);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        using var reader = new StreamReader(stream);
        var rows = extension switch
        {
            ".txt" => Lines(reader, cancellationToken),
            ".jsonl" => JsonLines(reader, column, cancellationToken),
            _ => Delimited(reader, path, extension == ".tsv" ? "\t" : ",", column, cancellationToken),
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

    private static async IAsyncEnumerable<InputRow> JsonLines(StreamReader reader, string field, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var line = 0L;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            yield return ParseJson(line, text, field);
        }
    }

    private static InputRow ParseJson(long line, string text, string field)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return new InputRow(line, null, "not a JSON object");
            return document.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
                ? new InputRow(line, value.GetString())
                : new InputRow(line, null, $"no string field '{field}'");
        }
        catch (JsonException e)
        {
            return new InputRow(line, null, $"not JSON ({e.Message})");
        }
    }

    private static async IAsyncEnumerable<InputRow> Delimited(StreamReader reader, string path, string delimiter, string column,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = delimiter, BadDataFound = null, MissingFieldFound = null };
        using var csv = new CsvReader(reader, configuration);
        if (!await csv.ReadAsync() || !csv.ReadHeader())
            yield break;
        var header = csv.HeaderRecord ?? [];
        var index = Array.FindIndex(header, h => string.Equals(h.Trim(), column, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
            throw new MlopsException($"Input file '{path}' has no column '{column}' (its columns: {string.Join(", ", header)}).",
                "Name the column that holds the sentences with --column.", ExitCodes.DataError);
        var previousEnd = csv.Parser.RawRow;
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            // RawRow is the line a record ends on; a quoted field may span lines, and the row is named by its first.
            var line = previousEnd + 1;
            previousEnd = csv.Parser.RawRow;
            yield return csv.Parser.Count > index
                ? new InputRow(line, csv.GetField(index))
                : new InputRow(line, null, $"{csv.Parser.Count} field(s), the column '{column}' is field {index + 1}");
        }
    }
}
