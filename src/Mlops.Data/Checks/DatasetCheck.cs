using Mlops.Data.Tokenization;

namespace Mlops.Data.Checks;

/// <summary>
/// Looks at a loaded dataset before training (<c>mlops data check</c>): class balance, token lengths against
/// <c>data.max_length</c> with the model's own tokenizer, blank, repeated and contradicting texts, validation examples
/// that are also training examples, and unknown tokens. Each split is tokenized once, in parallel, and only counts,
/// lengths and 128-bit text keys (<see cref="ExampleKey"/>) are kept, so a million rows fit in little memory.
/// </summary>
public static class DatasetCheck
{
    public static DatasetReport Run(DatasetSplits splits, WordPieceTokenizer tokenizer, int maxLength, CancellationToken cancellationToken = default)
    {
        CheckLabels(splits);
        var train = SplitScan.Run("train", [new("train", splits.Train)], splits.Train, splits.LabelNames, tokenizer, cancellationToken);
        var validation = SplitScan.Run("validation", [.. splits.ValidationParts], splits.Validation, splits.LabelNames, tokenizer, cancellationToken);
        var trainReport = train.Report(maxLength, out var trainTexts);
        var validationReport = validation.Report(maxLength, out _);
        var classes = Classes(splits);
        var empty = classes.Where(c => c.Train == 0).Select(c => c.Label).ToList();
        double? imbalance = classes.Count == 0 || empty.Count > 0 ? null : (double)classes.Max(c => c.Train) / classes.Min(c => c.Train);
        return new DatasetReport(splits.Name, maxLength, classes, imbalance, empty, trainReport, validationReport, validation.FoundIn(trainTexts));
    }

    private static List<ClassCount> Classes(DatasetSplits splits)
    {
        var train = Counts(splits.Train, splits.LabelNames.Count);
        var validation = Counts(splits.Validation, splits.LabelNames.Count);
        static double Share(int count, int total) => total == 0 ? 0 : (double)count / total;
        return [.. splits.LabelNames.Select((label, i) =>
            new ClassCount(label, train[i], validation[i], Share(train[i], splits.Train.Count), Share(validation[i], splits.Validation.Count)))];
    }

    private static int[] Counts(IReadOnlyList<LabeledSentence> examples, int labels)
    {
        var counts = new int[labels];
        foreach (var example in examples) counts[example.Label]++;
        return counts;
    }

    /// <summary>Every label must be one of the declared ones: a source that lets another through is named here, not an index error later.</summary>
    private static void CheckLabels(DatasetSplits splits)
    {
        foreach (var (part, examples) in splits.ValidationParts.Prepend(new("train", splits.Train)))
            for (var i = 0; i < examples.Count; i++)
                if (examples[i].Label < 0 || examples[i].Label >= splits.LabelNames.Count)
                    throw new DataException($"Example {i + 1} of '{part}' in dataset '{splits.Name}' has label {examples[i].Label}, but the dataset declares {splits.LabelNames.Count} labels ({string.Join(", ", splits.LabelNames)}).",
                        "Each label must be an index into the dataset's label names; check the source's label column.");
    }
}
