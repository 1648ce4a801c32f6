namespace Mlops.Data.Tokenization;

/// <summary>
/// How many word pieces of each text of a pair fit a budget under transformers' <c>longest_first</c> truncation, as the
/// fast (Rust) BERT tokenizer that <c>AutoTokenizer</c> returns computes it (huggingface/tokenizers,
/// <c>tokenizers/src/utils/truncation.rs</c>, <c>truncate_encodings</c>): when the shorter text fits in half the budget it
/// stays whole and the longer one keeps the rest; otherwise the shorter keeps budget / 2 and the longer the other half,
/// rounded up, where on equal lengths the second text counts as the longer. Both are cut at their ends.
/// (The Python tokenizer, <c>PreTrainedTokenizerBase.truncate_sequences</c> in transformers' <c>tokenization_utils_base.py</c>,
/// removes one token at a time from the longer text, ties from the second, which differs only in who gets the odd
/// token when both are cut: there the first text.)
/// </summary>
public static class LongestFirstTruncation
{
    /// <summary>The lengths the two texts keep, together at most <paramref name="budget"/> (the max length less [CLS] and two [SEP]).</summary>
    public static (int First, int Second) Lengths(int first, int second, int budget)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        if (first + second <= budget) return (first, second);
        var shorter = Math.Min(first, second);
        var (kept, rest) = 2 * shorter <= budget ? (shorter, budget - shorter) : (budget / 2, budget - budget / 2);
        return first > second ? (rest, kept) : (kept, rest);
    }
}
