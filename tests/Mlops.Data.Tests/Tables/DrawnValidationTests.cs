namespace Mlops.Data.Tests.Tables;

/// <summary>A table without validation rows: the validation split is drawn from the training rows, stratified by label and seeded.</summary>
public sealed class DrawnValidationTests : TableTest
{
    // 70 "common" and 30 "rare" rows, interleaved.
    private string WriteImbalanced() => Write("t.csv", "text,label\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"row {i},{(i % 10 < 7 ? "common" : "rare")}\n")));

    [Fact]
    public async Task The_drawn_split_keeps_each_labels_share_and_leaves_the_rest_to_train()
    {
        var splits = await LoadAsync(Table(WriteImbalanced()) with { ValidationSplit = 0.2 });

        Assert.Equal(20, splits.Validation.Count);
        Assert.Equal(14, splits.Validation.Count(s => s.Label == 0));
        Assert.Equal(6, splits.Validation.Count(s => s.Label == 1));
        Assert.Equal(80, splits.Train.Count);
        Assert.Empty(splits.Train.Select(s => s.Text).Intersect(splits.Validation.Select(s => s.Text)));
    }

    [Fact]
    public async Task The_same_seed_draws_the_same_rows_and_another_seed_others()
    {
        var path = WriteImbalanced();

        var first = await LoadAsync(Table(path) with { SplitSeed = 7 });
        var again = await LoadAsync(Table(path) with { SplitSeed = 7 });
        var other = await LoadAsync(Table(path) with { SplitSeed = 8 });

        Assert.Equal(10, first.Validation.Count);
        Assert.Equal(first.Validation, again.Validation);
        Assert.Equal(first.Fingerprint(), again.Fingerprint());
        Assert.NotEqual(first.Validation, other.Validation);
    }

    [Fact]
    public async Task A_table_too_small_to_draw_from_says_how_to_add_validation_rows()
    {
        var error = await FailsAsync(Table(Write("t.csv", Csv(4, "a", "b"))));

        Assert.Contains("leaves 4 to train on and 0 to validate with", error.Message);
        Assert.Contains("data.validation_split", error.Hint);
    }
}
