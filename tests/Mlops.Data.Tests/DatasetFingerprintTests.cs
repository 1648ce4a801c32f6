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

    [Fact]
    public void Hashed_as_it_is_written_it_is_the_hash_of_the_whole_text_it_always_was()
    {
        // The fingerprint must stay the SHA-256 of the one text it always was (labels, then "## part" and
        // "label<TAB>text" lines), so fingerprints in earlier model cards still match; the texts hold surrogate pairs.
        var train = Enumerable.Range(0, 5_000).Select(i => new LabeledSentence($"Sentence {i} über 🐕 the dog sleeps in the sun.", i % 2)).ToList();
        var splits = new DatasetSplits("big", ["no", "yes"], train,
            new Dictionary<string, IReadOnlyList<LabeledSentence>> { ["validation"] = [new LabeledSentence("A cat sat.", 1, "On a mat.")] });
        var whole = new System.Text.StringBuilder("no\tyes\n## train\n");
        foreach (var s in train) whole.Append(s.Label).Append('\t').Append(s.Text).Append('\n');
        whole.Append("## validation\n1\tA cat sat.\tOn a mat.\n");
        Assert.Equal(Mlops.Core.ContentHash.Of(whole.ToString()), splits.Fingerprint());
    }
}
