namespace Mlops.Metrics;

/// <summary>
/// The accumulated state of a single-label classification metric (torchmetrics' role): counts of
/// (actual, predicted) pairs. All metrics are derived from it by the pure <see cref="Compute"/>, so
/// each phase (train, validation, test) must own its own instance; sharing one between train and
/// validation mixes their predictions. Not thread-safe.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[] _counts;

    public ConfusionMatrix(int numClasses)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numClasses, 2);
        NumClasses = numClasses;
        _counts = new int[numClasses * numClasses];
    }

    public int NumClasses { get; }

    /// <summary>Number of (actual, predicted) pairs added since construction or the last <see cref="Reset"/>.</summary>
    public int Total { get; private set; }

    public void Add(int actual, int predicted)
    {
        var index = IndexOf(actual, predicted);
        checked
        {
            _counts[index]++;
            Total++;
        }
    }

    /// <summary>Adds one pair per position; both spans must have the same length. Validates every index before adding any.</summary>
    public void AddRange(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted)
    {
        if (actual.Length != predicted.Length)
        {
            throw new ArgumentException(
                $"actual has {actual.Length} labels but predicted has {predicted.Length}; they must have the same length.",
                nameof(predicted));
        }

        for (var i = 0; i < actual.Length; i++)
        {
            _ = IndexOf(actual[i], predicted[i]);
        }

        for (var i = 0; i < actual.Length; i++)
        {
            Add(actual[i], predicted[i]);
        }
    }

    /// <summary>How many samples of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public int Count(int actual, int predicted) => _counts[IndexOf(actual, predicted)];

    public void Reset()
    {
        Array.Clear(_counts);
        Total = 0;
    }

    /// <summary>A copy of the counts: rows are actual classes, columns are predicted classes.</summary>
    public int[,] ToArray()
    {
        var result = new int[NumClasses, NumClasses];
        for (var a = 0; a < NumClasses; a++)
        {
            for (var p = 0; p < NumClasses; p++)
            {
                result[a, p] = _counts[(a * NumClasses) + p];
            }
        }

        return result;
    }

    /// <summary>The metrics of the current counts; reads the matrix and changes nothing.</summary>
    public ClassificationMetrics Compute() => ClassificationMetrics.From(this);

    private int IndexOf(int actual, int predicted)
    {
        CheckClass(actual, nameof(actual));
        CheckClass(predicted, nameof(predicted));
        return (actual * NumClasses) + predicted;
    }

    private void CheckClass(int value, string paramName)
    {
        if (value < 0 || value >= NumClasses)
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                value,
                $"Class index {value} is out of range; valid classes are 0 to {NumClasses - 1} ({NumClasses} classes).");
        }
    }
}
