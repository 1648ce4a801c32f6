namespace Mlops.Data.Tables;

/// <summary>
/// What the readers of a table's files collect, row by row: each split's texts and label ids (labels are numbered as first
/// seen, then ordered once the training rows are all read), where each label first appears per split, and which split
/// values were skipped. A row with no text, an empty pair text, no label or a label outside a declared list fails here,
/// naming its position and column.
/// </summary>
internal sealed class TableRows
{
    private static readonly string[] TrainNames = ["train", "training"];

    private readonly TableColumns _columns;
    private readonly bool _declared;
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _labels = [];
    private readonly SplitRows[] _splits;
    private readonly SortedSet<string> _skipped = new(StringComparer.Ordinal);

    /// <param name="columns">The columns read, for the messages.</param>
    /// <param name="declared"><c>data.labels</c>: the only labels allowed, in index order; null takes them from the rows.</param>
    public TableRows(TableColumns columns, IReadOnlyList<string>? declared)
    {
        _columns = columns;
        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _splits = [new SplitRows(columns.Pair is not null), new SplitRows(columns.Pair is not null)];
        if (declared is null) return;
        _declared = true;
        foreach (var label in declared)
        {
            if (string.IsNullOrWhiteSpace(label) || !_ids.TryAdd(label, _labels.Count))
                throw new DataException($"data.labels lists {(string.IsNullOrWhiteSpace(label) ? "an empty label" : $"'{label}' twice")}.", "Give each label once, in the order of their indices.");
            _labels.Add(label);
        }
    }

    /// <summary>Rows skipped for their split value (such as test), and up to five of those values.</summary>
    public long SkippedRows { get; private set; }

    public IReadOnlyCollection<string> SkippedValues => _skipped;

    public int Count(TableSplit split) => _splits[(int)split].Labels.Count;

    /// <summary>How many labels have an id: the declared ones, or every label seen so far.</summary>
    public int LabelCount => _labels.Count;

    /// <summary>The label named by a label id.</summary>
    public string LabelName(int id) => _labels[id];

    /// <summary>The ids of the labels <paramref name="split"/> holds, each with the position of its first row there.</summary>
    public IEnumerable<(int Id, TablePosition First)> LabelsIn(TableSplit split) =>
        _splits[(int)split].FirstSeen.Select((position, id) => (id, position)).Where(p => p.position is not null).Select(p => (p.id, p.position!.Value));

    /// <summary>
    /// The split the value <paramref name="value"/> of the split column names: train (or training), validation (valid, val,
    /// dev); false for any other value (test, unlabeled), whose row is skipped. An empty value is an error.
    /// </summary>
    public bool TryRoute(ReadOnlySpan<char> value, TablePosition position, out TableSplit split)
    {
        split = TableSplit.Train;
        var trimmed = value.Trim();
        if (trimmed.IsEmpty)
            throw new DataException($"{position.Column(_columns.Split!)}: the split is empty.", "Each row says train or validation (or dev); rows with other values, such as test, are skipped.");
        if (Matches(trimmed, TrainNames)) return true;
        split = TableSplit.Validation;
        if (Matches(trimmed, TableLayout.ValidationNames)) return true;
        SkippedRows++;
        if (_skipped.Count < 5) _skipped.Add(trimmed.ToString());
        return false;
    }

    /// <summary>Adds one row; <paramref name="pair"/> is ignored unless a pair column is read.</summary>
    public void Add(TableSplit split, ReadOnlySpan<char> text, ReadOnlySpan<char> pair, ReadOnlySpan<char> label, TablePosition position)
    {
        if (text.IsWhiteSpace())
            throw new DataException(_columns.Text.Count == 1
                    ? $"{position.Column(_columns.Text[0])}: the text is empty."
                    : $"{position}, columns {_columns.TextNames}: all empty, so the row has no text.",
                "Every row needs text to classify: fill it in or remove the row.");
        if (_columns.Pair is { } pairColumn && pair.IsWhiteSpace())
            throw new DataException($"{position.Column(pairColumn)}: the pair text is empty.", "A sentence-pair row needs both texts: fill it in or remove the row.");
        if (label.IsWhiteSpace())
            throw new DataException($"{position.Column(_columns.Label)}: the label is empty.", "Every row needs a label: fill it in or remove the row.");
        if (!_lookup.TryGetValue(label, out var id))
        {
            if (_declared)
                throw new DataException($"{position.Column(_columns.Label)}: the label '{label}' is not one of data.labels ({string.Join(", ", _labels)}).",
                    "Add it to data.labels, or correct the row.");
            id = _labels.Count;
            var name = label.ToString();
            _ids.Add(name, id);
            _labels.Add(name);
        }
        _splits[(int)split].Add(text, _columns.Pair is null ? null : pair.ToString(), id, position);
    }

    /// <summary>The sentences of <paramref name="split"/>, each label id turned into its index by <paramref name="indexOfId"/>.</summary>
    public List<LabeledSentence> Sentences(TableSplit split, IReadOnlyList<int> indexOfId)
    {
        var rows = _splits[(int)split];
        var sentences = new List<LabeledSentence>(rows.Labels.Count);
        for (var i = 0; i < rows.Labels.Count; i++) sentences.Add(new LabeledSentence(rows.Texts[i], indexOfId[rows.Labels[i]], rows.Pairs?[i]));
        return sentences;
    }

    private static bool Matches(ReadOnlySpan<char> value, IReadOnlyList<string> names)
    {
        for (var i = 0; i < names.Count; i++) // not foreach: no enumerator per row
            if (value.Equals(names[i], StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>One split's rows as columns (a text, a pair, a label id per row), so a row costs its strings and four bytes.</summary>
    private sealed class SplitRows(bool withPairs)
    {
        public List<string> Texts { get; } = [];
        public List<string>? Pairs { get; } = withPairs ? [] : null;
        public List<int> Labels { get; } = [];
        public List<TablePosition?> FirstSeen { get; } = [];

        public void Add(ReadOnlySpan<char> text, string? pair, int label, TablePosition position)
        {
            Texts.Add(text.ToString());
            Pairs?.Add(pair!);
            Labels.Add(label);
            while (FirstSeen.Count <= label) FirstSeen.Add(null);
            FirstSeen[label] ??= position;
        }
    }
}
