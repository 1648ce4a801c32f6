using nietras.SeparatedValues;

namespace Mlops.Data.Tables;

/// <summary>
/// Reads a CSV or TSV table with a header row into <see cref="TableRows"/>, streaming: Sep (nietras) finds the fields
/// (quoted ones with separators, tabs and line breaks inside; UTF-8 with or without a BOM) and the line each record starts
/// on; <see cref="DelimitedField"/> unquotes them. Blank lines are skipped. A row with another number of fields than the
/// header, a stray quote in an unquoted field or a malformed quoted field is an error naming its line and column.
/// </summary>
internal sealed class DelimitedTableReader
{
    private readonly TableFile _file;
    private readonly TableSplit _split;
    private readonly TableColumns _columns;
    private readonly TableRows _rows;
    private readonly char _separator;
    private readonly RowText _text = new();
    private readonly RowText _field = new();
    private readonly RowText _pair = new();
    private readonly RowText _label = new();
    private string[] _header = [];
    private TableColumnIndices? _indices;

    private DelimitedTableReader(TableFile file, TableSplit split, TableColumns columns, TableRows rows)
    {
        (_file, _split, _columns, _rows) = (file, split, columns, rows);
        _separator = file.Format == TableFormat.Tsv ? '\t' : ',';
    }

    /// <summary>Reads every row of <paramref name="file"/>; without a split column they all go to <paramref name="split"/>.</summary>
    public static Task ReadAsync(TableFile file, TableSplit split, TableColumns columns, TableRows rows, CancellationToken cancellationToken) =>
        new DelimitedTableReader(file, split, columns, rows).ReadAsync(cancellationToken);

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        // The header is read as a row, not by Sep's HasHeader: Sep refuses repeated or quoted column names in its own way.
        using var reader = await Sep.New(_separator)
            .Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = false })
            .FromFileAsync(_file.Path, cancellationToken);
        while (await reader.MoveNextAsync(cancellationToken))
        {
            if (_indices is null) ReadHeader(reader.Current);
            else ReadRow(reader.Current);
        }
        if (_indices is null)
            throw new DataException($"{_file.DisplayName} is empty.", "A table starts with a header row naming its columns, then one row per example.");
    }

    private void ReadHeader(SepReader.Row row)
    {
        // The header is the file's first record, so it starts on line 1; Sep 0.18 gives the first row the line it ends on.
        var position = new TablePosition(_file.DisplayName, 1);
        _header = new string[row.ColCount];
        for (var i = 0; i < row.ColCount; i++) _header[i] = Field(row, i, position).ToString();
        _indices = _columns.Locate(_header, position.ToString());
    }

    private void ReadRow(SepReader.Row row)
    {
        if (row.ColCount == 1 && row[0].Span.IsEmpty) return;
        var position = new TablePosition(_file.DisplayName, row.LineNumberFrom);
        // Quoting goes wrong before the field count does, and names the field where it went wrong.
        for (var i = 0; i < row.ColCount; i++)
        {
            var raw = row[i].Span;
            if (DelimitedField.HasStrayQuote(raw, _separator))
                throw new DataException($"{position.Column(ColumnName(i))}: a quote inside this unquoted field starts a quoted section, " +
                                        $"which joined what follows it (through line {row.LineNumberToExcl - 1}) into the field.",
                    "Quote the whole field and double the quotes inside it (\"5\"\" screen\"), or remove the stray quote.");
            if (raw.Length > 0 && raw[0] == '"' && (raw.Length == 1 || raw[^1] != '"')) Field(row, i, position);
        }
        if (row.ColCount != _header.Length)
            throw new DataException(row.ColCount < _header.Length
                    ? $"{position.Column(_header[row.ColCount])}: missing; the row has {row.ColCount} fields where the header has {_header.Length}."
                    : $"{position.Column(ColumnName(_header.Length))}: beyond the last column '{_header[^1]}'; the row has {row.ColCount} fields where the header has {_header.Length}.",
                $"A field holding the separator{(_separator == '\t' ? " (a tab)" : " (a comma)")}, a quote or a line break must be quoted (\"...\"), with its quotes doubled.");

        var indices = _indices!;
        var split = _split;
        if (indices.Split >= 0 && !_rows.TryRoute(Field(row, indices.Split, position), position, out split)) return;
        _text.Clear();
        foreach (var column in indices.Text) _text.AppendPart(Field(row, column, position), _columns.TextSeparator);
        var pair = ReadOnlySpan<char>.Empty;
        if (indices.Pair >= 0)
        {
            _pair.Clear();
            _pair.Append(Field(row, indices.Pair, position));
            pair = _pair.Span;
        }
        _label.Clear();
        _label.Append(Field(row, indices.Label, position));
        _rows.Add(split, _text.Span, pair, _label.Span, position);
    }

    /// <summary>The text of field <paramref name="index"/>, valid until the next call (it may sit in the shared scratch buffer).</summary>
    private ReadOnlySpan<char> Field(SepReader.Row row, int index, TablePosition position)
    {
        var problem = DelimitedField.Decode(row[index].Span, _field, out var text);
        if (problem is not null)
            throw new DataException($"{position.Column(ColumnName(index))}: {problem}.",
                "A quoted field starts and ends with a quote and doubles the quotes inside it (\"say \"\"hi\"\"\").");
        return text;
    }

    /// <summary>The header's name for field <paramref name="index"/>, or its number (#5) past the header's end.</summary>
    private string ColumnName(int index) => index < _header.Length ? _header[index] : $"#{index + 1}";
}
