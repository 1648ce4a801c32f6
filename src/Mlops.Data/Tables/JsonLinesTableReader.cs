using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mlops.Data.Tables;

/// <summary>
/// Reads a JSON lines table (one object per line, as <c>pandas.to_json(lines=True)</c> and the Hugging Face hub write them)
/// into <see cref="TableRows"/>, a line at a time. Texts and the split are strings, the label a string or an integer; null
/// counts as empty. A line that is not a JSON object, a missing field or a value of another type is an error naming the line
/// and the field. Blank lines are skipped.
/// </summary>
internal static class JsonLinesTableReader
{
    /// <summary>Reads every line of <paramref name="file"/>; without a split column they all go to <paramref name="split"/>.</summary>
    public static async Task ReadAsync(TableFile file, TableSplit split, TableColumns columns, TableRows rows, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(file.Path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var text = new RowText();
        var number = 0L;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var position = new TablePosition(file.DisplayName, number);
            using var document = Parse(line, position);
            ReadRow(document.RootElement, position, split, columns, rows, text);
        }
    }

    private static JsonDocument Parse(string line, TablePosition position)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new DataException($"{position}: not valid JSON ({e.Message})", "Each line of a JSON lines file holds one object, such as {\"text\": \"...\", \"label\": \"...\"}.", e);
        }
    }

    private static void ReadRow(JsonElement row, TablePosition position, TableSplit split, TableColumns columns, TableRows rows, RowText text)
    {
        if (row.ValueKind != JsonValueKind.Object)
            throw new DataException($"{position}: a JSON {Describe(row.ValueKind)}, not an object.", "Each line of a JSON lines file holds one object, such as {\"text\": \"...\", \"label\": \"...\"}.");
        if (columns.Split is { } splitColumn && !rows.TryRoute(StringField(row, splitColumn, position, columns), position, out split)) return;
        text.Clear();
        foreach (var column in columns.Text) text.AppendPart(StringField(row, column, position, columns), columns.TextSeparator);
        var pair = columns.Pair is { } pairColumn ? StringField(row, pairColumn, position, columns) : null;
        rows.Add(split, text.Span, pair, LabelField(row, position, columns), position);
    }

    private static string? StringField(JsonElement row, string name, TablePosition position, TableColumns columns) => Field(row, name, position, columns) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Null } => null,
        var value => throw WrongType(position, name, value, "a string"),
    };

    private static string? LabelField(JsonElement row, TablePosition position, TableColumns columns) => Field(row, columns.Label, position, columns) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
        var value => throw WrongType(position, columns.Label, value, "a string or an integer"),
    };

    private static JsonElement Field(JsonElement row, string name, TablePosition position, TableColumns columns) =>
        row.TryGetProperty(name, out var value) ? value : throw columns.Missing(name, [.. row.EnumerateObject().Select(p => p.Name)], position.ToString());

    private static DataException WrongType(TablePosition position, string name, JsonElement value, string expected) =>
        new($"{position.Column(name)}: {(value.ValueKind == JsonValueKind.Number ? $"the number {value.GetRawText()}" : $"a JSON {Describe(value.ValueKind)}")}, expected {expected}.",
            "Write the value as the column expects, or name another column.");

    private static string Describe(JsonValueKind kind) => kind.ToString().ToLowerInvariant();
}
