using Mlops.Data.Batching;
using Mlops.Data.Tokenization;

namespace Mlops.Data.Tests.Tokenization;

public class PairEncodingTests
{
    // ids: 0 [PAD], 1 [UNK], 2 [CLS], 3 [SEP], 4 the, 5 cat, 6 sat, 7 ., 8 dog, 9 run, 10 ##ning
    private const string Vocab = "[PAD]\n[UNK]\n[CLS]\n[SEP]\nthe\ncat\nsat\n.\ndog\nrun\n##ning\n";
    private static readonly WordPieceTokenizer Tokenizer = WordPieceTokenizer.FromText(Vocab, "test vocab");

    [Fact]
    public void A_pair_is_cls_text_sep_pair_sep_with_type_one_from_the_second_text()
    {
        var (ids, types) = Tokenizer.EncodePair("The cat.", "Running dog", 32);
        Assert.Equal([2, 4, 5, 7, 3, 9, 10, 8, 3], ids);
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1], types);
    }

    [Fact]
    public void Empty_texts_keep_the_frame()
    {
        var (ids, types) = Tokenizer.EncodePair("", "", 8);
        Assert.Equal([2, 3, 3], ids);
        Assert.Equal([0, 0, 1], types);
    }

    [Fact]
    public void Only_the_longer_text_is_cut_while_the_shorter_fits_in_half_the_budget()
    {
        // Budget 8 - 3 = 5: "cat" (1 piece) stays whole, "the dog sat the dog sat" (6) keeps 4.
        var (ids, types) = Tokenizer.EncodePair("cat", "the dog sat the dog sat", 8);
        Assert.Equal([2, 5, 3, 4, 8, 6, 4, 3], ids);
        Assert.Equal([0, 0, 0, 1, 1, 1, 1, 1], types);
        // The same with the texts swapped: the first text is cut.
        Assert.Equal([2, 4, 8, 6, 4, 3, 5, 3], Tokenizer.EncodePair("the dog sat the dog sat", "cat", 8).Ids);
    }

    [Fact]
    public void Both_texts_are_cut_to_halves_and_on_equal_lengths_the_second_keeps_the_odd_token()
    {
        // Budget 9 - 3 = 6 and both 4 pieces long: 3 and 3. Budget 10 - 3 = 7: the first keeps 3, the second 4.
        Assert.Equal([2, 4, 5, 6, 3, 8, 9, 10, 3], Tokenizer.EncodePair("the cat sat .", "dog running .", 9).Ids);
        Assert.Equal([2, 4, 5, 6, 3, 8, 9, 10, 7, 3], Tokenizer.EncodePair("the cat sat .", "dog running .", 10).Ids);
    }

    [Fact]
    public void Both_cut_the_longer_text_keeps_the_odd_token()
    {
        // Budget 10 - 3 = 7, lengths 6 and 5 (5 > 7 / 2): the longer keeps 4, the shorter 3, whichever comes first.
        // (transformers' Python tokenizer would give the first text the 4 in the second case.)
        Assert.Equal([2, 4, 5, 6, 7, 3, 8, 6, 7, 3], Tokenizer.EncodePair("the cat sat . the cat", "dog sat . dog sat", 10).Ids);
        Assert.Equal([2, 8, 6, 7, 3, 4, 5, 6, 7, 3], Tokenizer.EncodePair("dog sat . dog sat", "the cat sat . the cat", 10).Ids);
    }

    [Fact]
    public void Texts_longer_than_the_tokenizer_buffer_are_measured_whole()
    {
        // 301 and 300 pieces: both past the first 128-id buffer, so only whole lengths tell the first is the longer
        // (cut to equal lengths, the second would keep the odd token).
        var first = string.Join(' ', Enumerable.Repeat("cat", 301));
        var second = string.Join(' ', Enumerable.Repeat("dog", 300));
        var (ids, types) = Tokenizer.EncodePair(first, second, 10);
        Assert.Equal([2, 5, 5, 5, 5, 3, 8, 8, 8, 3], ids);
        Assert.Equal(4, types.Count(t => t == 1));
    }

    [Theory]
    // The cases of huggingface/tokenizers' truncate_encodings_longest_first test (max_length 7), lengths 0, 2, 4 and 8.
    [InlineData(0, 8, 0, 7)]
    [InlineData(2, 8, 2, 5)]
    [InlineData(4, 4, 3, 4)]
    [InlineData(4, 8, 3, 4)]
    [InlineData(8, 2, 5, 2)]
    [InlineData(8, 4, 4, 3)]
    [InlineData(8, 8, 3, 4)]
    [InlineData(2, 4, 2, 4)]
    [InlineData(8, 0, 7, 0)]
    public void Longest_first_keeps_what_the_fast_tokenizer_keeps(int first, int second, int keepFirst, int keepSecond) =>
        Assert.Equal((keepFirst, keepSecond), LongestFirstTruncation.Lengths(first, second, 7));

    [Fact]
    public void A_single_text_batch_has_no_token_types_and_a_pair_batch_pads_types_with_zero()
    {
        Assert.Null(TokenBatch.Pad([TokenizedExample.Encode(Tokenizer, "the cat", null, 16)], 0).TokenTypeIds);
        var batch = TokenBatch.Pad([TokenizedExample.Encode(Tokenizer, "cat", "dog", 16, label: 1), TokenizedExample.Encode(Tokenizer, "the cat", "the dog", 16)], 0);
        Assert.Equal(7, batch.Columns);
        Assert.Equal([0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1], batch.TokenTypeIds!);
        Assert.Equal([1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1], batch.AttentionMask);
    }

    [Fact]
    public void The_batcher_tokenizes_pairs_from_labeled_sentences()
    {
        var batcher = Batcher.Tokenize([new LabeledSentence("cat", 1, "dog"), new LabeledSentence("the", 0, "sat")], Tokenizer, 16,
            BatchingOptions.Inference(2));
        var batch = Assert.Single(batcher.Epoch(0));
        Assert.NotNull(batch.TokenTypeIds);
        Assert.Equal(2, batch.TokenTypeIds!.Count(t => t == 1) / batch.Rows);
    }
}
