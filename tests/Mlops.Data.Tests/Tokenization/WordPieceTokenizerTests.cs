using Mlops.Data.Tokenization;

namespace Mlops.Data.Tests.Tokenization;

public class WordPieceTokenizerTests
{
    // ids: 0 [PAD], 1 [UNK], 2 [CLS], 3 [SEP], 4 the, 5 cat, 6 sat, 7 ., 8 jose, 9 run, 10 ##ning
    private const string Vocab = "[PAD]\n[UNK]\n[CLS]\n[SEP]\nthe\ncat\nsat\n.\njose\nrun\n##ning\n";
    private static readonly WordPieceTokenizer Tokenizer = WordPieceTokenizer.FromText(Vocab, "test vocab");

    [Fact]
    public void Encodes_lowercased_words_between_cls_and_sep() =>
        Assert.Equal([2, 4, 5, 6, 7, 3], Tokenizer.Encode("The CAT sat.", 16));

    [Fact]
    public void Splits_unknown_words_into_word_pieces() => Assert.Equal([2, 9, 10, 3], Tokenizer.Encode("running", 16));

    [Fact]
    public void Strips_accents_like_bert_uncased() => Assert.Equal([2, 8, 3], Tokenizer.Encode("José", 16));

    [Theory]
    [InlineData("the \uFFFE cat")]
    [InlineData("the \uD800 cat")]
    [InlineData("the \uDC00 cat")]
    public void Code_points_the_normaliser_refuses_are_dropped_like_bert_drops_u_fffd(string text) => Assert.Equal([2, 4, 5, 3], Tokenizer.Encode(text, 16));

    [Fact]
    public void Empty_text_is_just_cls_and_sep() => Assert.Equal([2, 3], Tokenizer.Encode("", 16));

    [Theory]
    [InlineData("😀 🚀")]
    [InlineData("日本語のテキスト")]
    [InlineData("\u0000\t\r\n")]
    public void Unusual_text_does_not_crash_and_stays_framed(string text)
    {
        var ids = Tokenizer.Encode(text, 16);
        Assert.Equal(2, ids[0]);
        Assert.Equal(3, ids[^1]);
        Assert.All(ids[1..^1], id => Assert.Equal(1, id));
    }

    [Fact]
    public void Long_text_is_truncated_to_max_length_keeping_sep()
    {
        var ids = Tokenizer.Encode(string.Join(' ', Enumerable.Repeat("the cat", 500)), 8);
        Assert.Equal(8, ids.Length);
        Assert.Equal(2, ids[0]);
        Assert.Equal(3, ids[^1]);
    }

    [Fact]
    public void Counts_word_pieces_and_unknowns_without_cls_sep_or_truncation()
    {
        Assert.Equal(new TokenCount(2, 0), Tokenizer.Count("running"));
        Assert.Equal(new TokenCount(3, 2), Tokenizer.Count("the dog barked"));
        Assert.Equal(new TokenCount(0, 0), Tokenizer.Count(""));
        Assert.Equal(new TokenCount(1000, 0), Tokenizer.Count(string.Join(' ', Enumerable.Repeat("the cat", 500))));
        // Accent-stripped like Encode; and a token per character (each '.' its own), more than the first buffer holds.
        Assert.Equal(new TokenCount(1, 0), Tokenizer.Count("José"));
        Assert.Equal(new TokenCount(300, 0), Tokenizer.Count(new string('.', 300)));
    }

    [Fact]
    public void Missing_vocab_file_is_a_data_error_naming_it()
    {
        var e = Assert.Throws<DataException>(() => WordPieceTokenizer.FromVocabFile("/nonexistent/vocab.txt"));
        Assert.Contains("/nonexistent/vocab.txt", e.Message);
    }

    [Fact]
    public void Vocab_without_special_tokens_is_rejected()
    {
        var e = Assert.Throws<DataException>(() => WordPieceTokenizer.FromText("the\ncat\n", "bad.txt"));
        Assert.Contains("[PAD]", e.Message);
    }

    [Fact]
    public void Reports_vocab_size_and_pad_id()
    {
        Assert.Equal(11, Tokenizer.VocabSize);
        Assert.Equal(0, Tokenizer.PadId);
    }
}
