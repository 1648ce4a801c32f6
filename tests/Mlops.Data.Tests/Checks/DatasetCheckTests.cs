using Mlops.Data.Checks;
using Mlops.Data.Tokenization;

namespace Mlops.Data.Tests.Checks;

/// <summary>
/// <see cref="DatasetCheck"/> on a small dataset with every problem planted: each number is worked out by hand from the
/// examples below (the vocabulary knows the, cat, sat and '.'; ran and dog are [UNK]).
/// </summary>
public sealed class DatasetCheckTests
{
    private const string Vocab = "[PAD]\n[UNK]\n[CLS]\n[SEP]\nthe\ncat\nsat\n.\n";
    private static readonly WordPieceTokenizer Tokenizer = WordPieceTokenizer.FromText(Vocab, "test vocab");

    private const int Neg = 0, Pos = 1, Neutral = 2;

    // Encoded lengths with [CLS]/[SEP] in the comments; max_length 6 cuts the 7 and the 10 (and 7, 8 in validation).
    private static readonly LabeledSentence[] Train =
    [
        new("the cat sat.", Neg),                         // 6
        new("The  CAT sat. ", Pos),                       // 6: a duplicate of row 1 once normalized, with the other label
        new("", Neg),                                     // 2: blank
        new("   ", Pos),                                  // 2: blank
        new("the cat ran", Pos),                          // 5: one [UNK]
        new("the cat", Neg, "sat."),                      // 7: a pair, [CLS] a [SEP] b [SEP]
        new("the cat the cat the cat the cat", Pos),      // 10
        new("the cat sat.", Neg),                         // 6: a second repeat, no second conflict
    ];

    private static readonly Dictionary<string, IReadOnlyList<LabeledSentence>> ValidationParts = new()
    {
        ["in_domain"] =
        [
            new("THE cat sat.", Pos),                     // 6: leaked (train row 1)
            new("dog", Neutral),                          // 3: one [UNK]
        ],
        ["out_of_domain"] =
        [
            new("the cat", Neg, "sat."),                  // 7: leaked (train row 6, a pair)
            new("the cat sat. sat.", Neg),                // 8
            new("the cat sat", Pos),                      // 5: not train row 1 (no '.'), nor row 6 (no pair)
        ],
    };

    private static DatasetReport Check(int maxLength = 6) =>
        DatasetCheck.Run(new DatasetSplits("planted", ["neg", "pos", "neutral"], Train, ValidationParts), Tokenizer, maxLength);

    [Fact]
    public void Classes_are_counted_per_split_and_an_empty_class_is_flagged()
    {
        var report = Check();
        Assert.Equal(["neg", "pos", "neutral"], report.Classes.Select(c => c.Label));
        Assert.Equal([4, 4, 0], report.Classes.Select(c => c.Train));
        Assert.Equal([2, 2, 1], report.Classes.Select(c => c.Validation));
        Assert.Equal([0.5, 0.5, 0], report.Classes.Select(c => c.TrainShare));
        Assert.Equal([0.4, 0.4, 0.2], report.Classes.Select(c => c.ValidationShare));
        Assert.Equal(["neutral"], report.EmptyClasses);
        Assert.Null(report.Imbalance);
    }

    [Fact]
    public void Imbalance_is_the_largest_training_class_over_the_smallest()
    {
        LabeledSentence[] train = [new("a", Neg), new("b", Neg), new("c", Neg), new("d", Pos)];
        var report = DatasetCheck.Run(new DatasetSplits("skewed", ["neg", "pos"], train, new Dictionary<string, IReadOnlyList<LabeledSentence>> { ["validation"] = [new("e", Pos)] }),
            Tokenizer, 16);
        Assert.Equal(3.0, report.Imbalance);
        Assert.Empty(report.EmptyClasses);
        Assert.Empty(report.Problems);
    }

    [Fact]
    public void Lengths_are_untruncated_token_counts_with_the_share_max_length_cuts()
    {
        var report = Check();
        // Train sorted: 2 2 5 6 6 6 7 10 (nearest rank: p50 the 4th, p90 and p99 the 8th).
        Assert.Equal(new TokenLengths(6, 10, 10, 10, 2, 0.25), report.Train.Lengths);
        // Validation sorted: 3 5 6 7 8.
        Assert.Equal(new TokenLengths(6, 8, 8, 8, 2, 0.4), report.Validation.Lengths);
        Assert.Equal(0, Check(maxLength: 10).Train.Lengths.Truncated);
    }

    [Fact]
    public void Unknown_tokens_are_a_share_of_every_word_piece()
    {
        var report = Check();
        Assert.Equal((27, 1), (report.Train.Tokens, report.Train.UnknownTokens));
        Assert.Equal(1 / 27.0, report.Train.UnknownRate, 12);
        Assert.Equal((18, 1), (report.Validation.Tokens, report.Validation.UnknownTokens));
    }

    [Fact]
    public void Blank_texts_are_counted_with_their_rows()
    {
        var report = Check();
        Assert.Equal(2, report.Train.Empty.Count);
        Assert.Equal([3, 4], report.Train.Empty.Examples.Select(e => e.Row));
        Assert.Equal(0, report.Validation.Empty.Count);
    }

    [Fact]
    public void Duplicates_compare_normalized_text_and_a_text_with_two_labels_is_a_conflict()
    {
        var report = Check();
        Assert.Equal(2, report.Train.Duplicates.Count);
        Assert.Equal([2, 8], report.Train.Duplicates.Examples.Select(e => e.Row));
        var conflict = Assert.Single(report.Train.ConflictingLabels.Examples);
        Assert.Equal(1, report.Train.ConflictingLabels.Count);
        Assert.Equal(("train", 2, "The  CAT sat. "), (conflict.Part, conflict.Row, conflict.Text));
        Assert.Equal(["neg", "pos"], conflict.Labels);
        Assert.Equal(0, report.Validation.Duplicates.Count);
    }

    [Fact]
    public void Validation_examples_also_in_training_are_leakage_named_by_part_and_row()
    {
        var report = Check();
        Assert.Equal(2, report.Leakage.Count);
        Assert.Equal([("in_domain", 1), ("out_of_domain", 1)], report.Leakage.Examples.Select(e => (e.Part, e.Row)));
        Assert.Equal("sat.", report.Leakage.Examples[1].Pair);
        Assert.Equal(["2 validation example(s) also in the training split", "class 'neutral' has no training example"], report.Problems);
    }

    [Fact]
    public void A_finding_counts_every_example_and_shows_the_first_three()
    {
        LabeledSentence[] train = [.. Enumerable.Repeat(new LabeledSentence("the cat", Neg), 6)];
        var report = DatasetCheck.Run(new DatasetSplits("repeats", ["neg"], train, new Dictionary<string, IReadOnlyList<LabeledSentence>> { ["validation"] = [] }),
            Tokenizer, 16);
        Assert.Equal(5, report.Train.Duplicates.Count);
        Assert.Equal([2, 3, 4], report.Train.Duplicates.Examples.Select(e => e.Row));
        Assert.Equal(new TokenLengths(0, 0, 0, 0, 0, 0), report.Validation.Lengths);
    }

    [Fact]
    public void A_label_outside_the_declared_ones_is_a_data_error_naming_the_example()
    {
        var splits = new DatasetSplits("broken", ["neg", "pos"], [new("the cat", Neg), new("the cat sat", 2)],
            new Dictionary<string, IReadOnlyList<LabeledSentence>> { ["validation"] = [] });
        var e = Assert.Throws<DataException>(() => DatasetCheck.Run(splits, Tokenizer, 16));
        Assert.Contains("Example 2 of 'train'", e.Message);
        Assert.Contains("label 2", e.Message);
    }
}
