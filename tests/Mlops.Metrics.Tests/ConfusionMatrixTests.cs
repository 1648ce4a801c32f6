namespace Mlops.Metrics.Tests;

public class ConfusionMatrixTests
{
    [Fact]
    public void Add_counts_pairs_with_rows_actual_and_columns_predicted()
    {
        var matrix = new ConfusionMatrix(3);
        matrix.Add(0, 2);
        matrix.Add(0, 2);
        matrix.AddRange([1, 2], [1, 0]);

        Assert.Equal(3, matrix.NumClasses);
        Assert.Equal(4, matrix.Total);
        Assert.Equal(2, matrix.Count(0, 2));
        Assert.Equal(0, matrix.Count(2, 2));
        Assert.Equal(1, matrix.Count(2, 0));
        Assert.Equal(new int[,] { { 0, 0, 2 }, { 0, 1, 0 }, { 1, 0, 0 } }, matrix.ToArray());
    }

    [Theory]
    [InlineData(-1, 0, "actual")]
    [InlineData(2, 0, "actual")]
    [InlineData(0, -1, "predicted")]
    [InlineData(0, 2, "predicted")]
    public void Invalid_class_index_throws_naming_value_and_range(int actual, int predicted, string paramName)
    {
        var matrix = new ConfusionMatrix(2);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Add(actual, predicted));

        Assert.Equal(paramName, ex.ParamName);
        Assert.Contains(paramName == "actual" ? actual.ToString() : predicted.ToString(), ex.Message);
        Assert.Contains("0 to 1", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Count(actual, predicted));
        Assert.Equal(0, matrix.Total);
    }

    [Fact]
    public void AddRange_with_an_invalid_index_adds_nothing()
    {
        var matrix = new ConfusionMatrix(2);

        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.AddRange([0, 1, 5], [0, 1, 1]));

        Assert.Equal(0, matrix.Total);
    }

    [Fact]
    public void AddRange_with_different_lengths_throws()
    {
        var matrix = new ConfusionMatrix(2);

        Assert.Throws<ArgumentException>(() => matrix.AddRange([0, 1], [0]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Fewer_than_two_classes_throws(int numClasses)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix(numClasses));
    }

    [Fact]
    public void Train_and_validation_matrices_do_not_share_state()
    {
        var train = new ConfusionMatrix(2);
        var validation = new ConfusionMatrix(2);

        // Train: 3 of 4 correct -> accuracy 0.75. Validation: 1 of 2 correct -> accuracy 0.5.
        train.AddRange([0, 0, 1, 1], [0, 0, 1, 0]);
        validation.AddRange([1, 0], [1, 1]);

        Assert.Equal(4, train.Total);
        Assert.Equal(2, validation.Total);
        Assert.Equal(0.75, train.Compute().Accuracy, 12);
        Assert.Equal(0.5, validation.Compute().Accuracy, 12);

        // Resetting one (as at the start of a validation epoch) leaves the other untouched.
        validation.Reset();
        Assert.Equal(4, train.Total);
        Assert.Equal(0.75, train.Compute().Accuracy, 12);
    }

    [Fact]
    public void Compute_is_pure_and_repeatable()
    {
        var matrix = new ConfusionMatrix(2);
        matrix.AddRange([0, 1, 1], [0, 1, 0]);

        var first = matrix.Compute();
        var second = matrix.Compute();

        Assert.Equal(3, matrix.Total);
        Assert.Equal(first.Accuracy, second.Accuracy);
        Assert.Equal(first.Mcc, second.Mcc);
    }

    [Fact]
    public void Reset_clears_counts_and_total()
    {
        var matrix = new ConfusionMatrix(2);
        matrix.AddRange([0, 1, 1], [1, 1, 0]);

        matrix.Reset();

        Assert.Equal(0, matrix.Total);
        Assert.Equal(new int[2, 2], matrix.ToArray());
        Assert.Equal(0, matrix.Compute().Count);

        // Still usable after a reset.
        matrix.Add(1, 1);
        Assert.Equal(1, matrix.Count(1, 1));
        Assert.Equal(1, matrix.Total);
    }

    [Fact]
    public void ToArray_returns_a_copy()
    {
        var matrix = new ConfusionMatrix(2);
        matrix.Add(0, 0);

        var array = matrix.ToArray();
        array[0, 0] = 42;

        Assert.Equal(1, matrix.Count(0, 0));
    }
}
