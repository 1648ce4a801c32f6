namespace Mlops.Data.Tests;

/// <summary>The data fingerprint recorded in model cards: equal for equal content, different for any edited sentence or label.</summary>
public sealed class DatasetFingerprintTests
{
    private static DatasetSplits Splits(string firstText = "The dog sleeps.", int firstLabel = 1) => new("toy", ["unacceptable", "acceptable"],
        [new LabeledSentence(firstText, firstLabel), new LabeledSentence("Dog the sleeps.", 0)],
        new Dictionary<string, IReadOnlyList<LabeledSentence>> { ["validation"] = [new LabeledSentence("A cat sat.", 1)] });

    [Fact]
    public void The_same_content_has_the_same_fingerprint()
    {
        Assert.Equal(Splits().Fingerprint(), Splits().Fingerprint());
        Assert.StartsWith("sha256:", Splits().Fingerprint());
    }

    [Fact]
    public void An_edited_sentence_or_label_changes_it()
    {
        Assert.NotEqual(Splits().Fingerprint(), Splits(firstText: "The dog slept.").Fingerprint());
        Assert.NotEqual(Splits().Fingerprint(), Splits(firstLabel: 0).Fingerprint());
    }

    [Fact]
    public void Moving_a_sentence_from_train_to_validation_changes_it()
    {
        var moved = new DatasetSplits("toy", ["unacceptable", "acceptable"], [new LabeledSentence("The dog sleeps.", 1)],
            new Dictionary<string, IReadOnlyList<LabeledSentence>> { ["validation"] = [new LabeledSentence("Dog the sleeps.", 0), new LabeledSentence("A cat sat.", 1)] });
        Assert.NotEqual(Splits().Fingerprint(), moved.Fingerprint());
    }

    [Fact]
    public void A_pair_text_changes_it_and_an_edited_pair_too()
    {
        static DatasetSplits WithPair(string? pair) => new("toy", ["different", "paraphrase"], [new LabeledSentence("A dog sleeps.", 1, pair)],
            new Dictionary<string, IReadOnlyList<LabeledSentence>> { ["validation"] = [new LabeledSentence("A cat sat.", 0, "The cat stood.")] });
        Assert.NotEqual(WithPair(null).Fingerprint(), WithPair("The dog is asleep.").Fingerprint());
        Assert.NotEqual(WithPair("The dog is asleep.").Fingerprint(), WithPair("The dog is awake.").Fingerprint());
    }
}
