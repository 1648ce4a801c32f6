namespace Mlops.Data.Tests.Tables;

/// <summary>The label set: the training rows' labels in a stable order (ordinal strings, numeric integers), or data.labels as declared.</summary>
public sealed class TableLabelTests : TableTest
{
    private async Task<DatasetSplits> LoadLabelsAsync(string[] train, string[] validation, IReadOnlyList<string>? declared = null)
    {
        var rows = train.Select(l => $"t,{l},train").Concat(validation.Select(l => $"v,{l},dev"));
        var path = Write("t.csv", "text,label,split\n" + string.Join('\n', rows) + "\n");
        return await LoadAsync(Table(path) with { SplitColumn = "split", Labels = declared });
    }

    [Fact]
    public async Task String_labels_are_sorted_ordinally_whatever_order_they_come_in()
    {
        var splits = await LoadLabelsAsync(["b", "B", "a", "b"], ["a"]);

        Assert.Equal(["B", "a", "b"], splits.LabelNames);
        Assert.Equal([2, 0, 1, 2], splits.Train.Select(s => s.Label));
    }

    [Fact]
    public async Task Integer_labels_are_sorted_numerically()
    {
        var splits = await LoadLabelsAsync(["10", "9", "-1", "9"], ["10"]);

        Assert.Equal(["-1", "9", "10"], splits.LabelNames);
        Assert.Equal([2, 1, 0, 1], splits.Train.Select(s => s.Label));
        Assert.Equal([2], splits.Validation.Select(s => s.Label));
    }

    [Fact]
    public async Task Declared_labels_keep_their_order_and_may_be_absent_from_training()
    {
        var splits = await LoadLabelsAsync(["neutral", "positive", "neutral"], ["negative"], declared: ["negative", "neutral", "positive"]);

        Assert.Equal(["negative", "neutral", "positive"], splits.LabelNames);
        Assert.Equal([1, 2, 1], splits.Train.Select(s => s.Label));
        Assert.Equal([0], splits.Validation.Select(s => s.Label));
    }

    [Fact]
    public async Task Declaring_a_label_twice_is_an_error()
    {
        var error = await Assert.ThrowsAsync<DataException>(() => LoadLabelsAsync(["a", "b"], ["a"], declared: ["a", "b", "a"]));

        Assert.Equal("data.labels lists 'a' twice.", error.Message);
    }
}
