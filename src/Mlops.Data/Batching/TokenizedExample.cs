using Mlops.Data.Tokenization;

namespace Mlops.Data.Batching;

/// <summary>
/// A sentence (or sentence pair) after tokenization: its token ids (with [CLS]/[SEP]), its label and, for a pair only,
/// the segment (token type) id of each token; a single sentence carries none, so it costs what it did before pairs.
/// </summary>
public sealed record TokenizedExample(int[] Ids, int Label, int[]? TypeIds = null)
{
    /// <summary>A text, or with <paramref name="pair"/> a sentence pair, tokenized to at most <paramref name="maxLength"/> ids.</summary>
    public static TokenizedExample Encode(WordPieceTokenizer tokenizer, string text, string? pair, int maxLength, int label = 0)
    {
        if (pair is null) return new TokenizedExample(tokenizer.Encode(text, maxLength), label);
        var (ids, typeIds) = tokenizer.EncodePair(text, pair, maxLength);
        return new TokenizedExample(ids, label, typeIds);
    }
}
