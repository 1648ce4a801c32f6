using Mlops.Data.Splits;

namespace Mlops.Data.Tests.Splits;

/// <summary>The held-out selection slice: stratified by label, seeded, disjoint from what is trained on, order kept.</summary>
public sealed class SelectionSplitTests
{
    // 700 acceptable and 300 unacceptable, like CoLA's 70/30 mix.
    private static readonly List<LabeledSentence> Train = Enumerable.Range(0, 1000).Select(i => new LabeledSentence($"s{i}", i % 10 < 7 ? 1 : 0)).ToList();

    [Fact]
    public void Holds_out_the_fraction_of_each_label()
    {
        var (train, selection) = SelectionSplit.Carve(Train, 0.1, seed: 42);
        Assert.Equal(100, selection.Count);
        Assert.Equal(70, selection.Count(s => s.Label == 1));
        Assert.Equal(30, selection.Count(s => s.Label == 0));
        Assert.Equal(900, train.Count);
    }

    [Fact]
    public void The_two_parts_are_disjoint_cover_the_set_and_keep_its_order()
    {
        var (train, selection) = SelectionSplit.Carve(Train, 0.2, seed: 1);
        Assert.Empty(train.Intersect(selection));
        Assert.Equal(Train.Count, train.Count + selection.Count);
        Assert.Equal(train.OrderBy(s => int.Parse(s.Text[1..])), train);
        Assert.Equal(selection.OrderBy(s => int.Parse(s.Text[1..])), selection);
    }

    [Fact]
    public void The_seed_decides_the_slice()
    {
        Assert.Equal(SelectionSplit.Carve(Train, 0.1, 7).Selection, SelectionSplit.Carve(Train, 0.1, 7).Selection);
        Assert.NotEqual(SelectionSplit.Carve(Train, 0.1, 7).Selection, SelectionSplit.Carve(Train, 0.1, 8).Selection);
    }

    [Fact]
    public void A_fraction_that_leaves_nothing_to_select_with_is_a_data_error()
    {
        var error = Assert.Throws<DataException>(() => SelectionSplit.Carve(Train.Take(2).ToList(), 0.1, 1));
        Assert.Contains("data.selection_split", error.Hint);
    }
}
