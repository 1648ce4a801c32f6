using Mlops.Data.Tokenization;

namespace Mlops.Data.Checks;

/// <summary>
/// What the checks keep of one example instead of its text: the key of its normalized text, its encoded length, its
/// word pieces and [UNK]s, and whether a text of it is blank.
/// </summary>
internal readonly record struct ExampleMeasure(UInt128 Key, int Length, int Tokens, int Unknown, bool Blank)
{
    public static ExampleMeasure Of(LabeledSentence example, WordPieceTokenizer tokenizer)
    {
        var text = tokenizer.Count(example.Text);
        // A pair is encoded [CLS] text [SEP] pair [SEP]: one more [SEP] than a single text.
        var pair = example.Pair is { } second ? tokenizer.Count(second) : default;
        var special = example.Pair is null ? 2 : 3;
        var tokens = text.Tokens + pair.Tokens;
        return new ExampleMeasure(ExampleKey.Of(example), tokens + special, tokens, text.Unknown + pair.Unknown, ExampleKey.IsBlank(example));
    }
}
