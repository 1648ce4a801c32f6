using Mlops.Data.Tokenization;

namespace Mlops.Data.Checks;

/// <summary>
/// One split measured once, in parallel (<see cref="ExampleMeasure"/> per example, no text or token id kept), and the
/// split's findings read from those measures: lengths, blank texts, duplicates and contradicting labels.
/// </summary>
internal sealed class SplitScan
{
    private readonly IReadOnlyList<KeyValuePair<string, IReadOnlyList<LabeledSentence>>> _parts;
    private readonly IReadOnlyList<string> _labels;
    /// <summary>The split's examples, every part's in order.</summary>
    private readonly IReadOnlyList<LabeledSentence> _examples;
    private readonly ExampleMeasure[] _measures;

    private SplitScan(string name, IReadOnlyList<KeyValuePair<string, IReadOnlyList<LabeledSentence>>> parts, IReadOnlyList<LabeledSentence> examples,
        IReadOnlyList<string> labels, ExampleMeasure[] measures)
    {
        Name = name;
        _parts = parts;
        _labels = labels;
        _examples = examples;
        _measures = measures;
    }

    public string Name { get; }

    /// <summary>Measures <paramref name="examples"/>: every part's examples, in order (as <see cref="DatasetSplits.Validation"/> joins them).</summary>
    public static SplitScan Run(string name, IReadOnlyList<KeyValuePair<string, IReadOnlyList<LabeledSentence>>> parts, IReadOnlyList<LabeledSentence> examples,
        IReadOnlyList<string> labels, WordPieceTokenizer tokenizer, CancellationToken cancellationToken)
    {
        var measures = new ExampleMeasure[examples.Count];
        Parallel.For(0, examples.Count, new ParallelOptions { CancellationToken = cancellationToken },
            i => measures[i] = ExampleMeasure.Of(examples[i], tokenizer));
        return new SplitScan(name, parts, examples, labels, measures);
    }

    /// <summary>The report of this split; <paramref name="firstLabels"/> gets each distinct non-blank text's first label.</summary>
    public SplitReport Report(int maxLength, out Dictionary<UInt128, int> firstLabels)
    {
        var duplicates = new FindingBuilder(this);
        var conflicts = new FindingBuilder(this);
        var blank = new FindingBuilder(this);
        var contradicted = new HashSet<UInt128>();
        firstLabels = new Dictionary<UInt128, int>(_measures.Length);
        long tokens = 0, unknown = 0;
        for (var i = 0; i < _measures.Length; i++)
        {
            var measure = _measures[i];
            tokens += measure.Tokens;
            unknown += measure.Unknown;
            if (measure.Blank)
            {
                blank.Add(i);
                continue;
            }
            var label = _examples[i].Label;
            if (!firstLabels.TryAdd(measure.Key, label))
            {
                duplicates.Add(i);
                var first = firstLabels[measure.Key];
                if (first != label && contradicted.Add(measure.Key)) conflicts.Add(i, first);
            }
        }
        return new SplitReport(Name, _examples.Count, Lengths(maxLength), blank.Build(), duplicates.Build(), conflicts.Build(), tokens, unknown);
    }

    /// <summary>The examples of this split whose key <paramref name="keys"/> holds (blank examples never match).</summary>
    public TextFinding FoundIn(IReadOnlyDictionary<UInt128, int> keys)
    {
        var found = new FindingBuilder(this);
        for (var i = 0; i < _measures.Length; i++)
            if (!_measures[i].Blank && keys.ContainsKey(_measures[i].Key)) found.Add(i);
        return found.Build();
    }

    private TokenLengths Lengths(int maxLength)
    {
        if (_measures.Length == 0) return new TokenLengths(0, 0, 0, 0, 0, 0);
        var lengths = Array.ConvertAll(_measures, m => m.Length);
        Array.Sort(lengths);
        int Percentile(double p) => lengths[Math.Max(0, (int)Math.Ceiling(p * lengths.Length) - 1)];
        var truncated = lengths.Length - lengths.Count(length => length <= maxLength);
        return new TokenLengths(Percentile(0.5), Percentile(0.9), Percentile(0.99), lengths[^1], truncated, (double)truncated / lengths.Length);
    }

    private ExampleSample Sample(int index, int? firstLabel)
    {
        var row = index;
        var part = _parts[0].Key;
        foreach (var (name, examples) in _parts)
        {
            part = name;
            if (row < examples.Count) break;
            row -= examples.Count;
        }
        var example = _examples[index];
        IReadOnlyList<string> labels = firstLabel is { } first ? [_labels[first], _labels[example.Label]] : [_labels[example.Label]];
        return new ExampleSample(part, row + 1, example.Text, example.Pair, labels);
    }

    /// <summary>Counts a finding's examples and keeps the first <see cref="TextFinding.Shown"/>.</summary>
    private sealed class FindingBuilder(SplitScan scan)
    {
        private readonly List<ExampleSample> _samples = [];
        private int _count;

        public void Add(int index, int? firstLabel = null)
        {
            if (_count++ < TextFinding.Shown) _samples.Add(scan.Sample(index, firstLabel));
        }

        public TextFinding Build() => new(_count, _samples);
    }
}
