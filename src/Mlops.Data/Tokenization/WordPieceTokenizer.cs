using System.Buffers;
using System.Text;
using FastBertTokenizer;

namespace Mlops.Data.Tokenization;

/// <summary>
/// Standard BERT uncased WordPiece (lower-case, strip accents, split punctuation) from a <c>vocab.txt</c>,
/// wrapping FastBertTokenizer. It has no TorchSharp dependency, so inference can use it alone.
/// Every input is safe: empty text gives <c>[CLS] [SEP]</c>, long text is truncated, unknown symbols become <c>[UNK]</c>.
/// </summary>
public sealed class WordPieceTokenizer
{
    private readonly BertTokenizer _tokenizer;

    private readonly bool _stripAccents;

    private WordPieceTokenizer(BertTokenizer tokenizer, int vocabSize, int padId, int unknownId, bool stripAccents)
    {
        _tokenizer = tokenizer;
        _stripAccents = stripAccents;
        VocabSize = vocabSize;
        PadId = padId;
        UnknownId = unknownId;
    }

    public int VocabSize { get; }

    public int PadId { get; }

    /// <summary>The id of [UNK]: how often it appears says how much of an input the vocabulary did not know.</summary>
    public int UnknownId { get; }

    public static WordPieceTokenizer FromVocabFile(string vocabPath, bool lowerCase = true)
    {
        if (!File.Exists(vocabPath))
            throw new DataException($"Vocabulary file '{vocabPath}' does not exist.",
                "Pass a BERT vocab.txt (one token per line), e.g. the vocab.txt of a Hugging Face model folder.");
        return FromText(File.ReadAllText(vocabPath), vocabPath, lowerCase);
    }

    public static WordPieceTokenizer FromText(string vocabText, string origin, bool lowerCase = true)
    {
        var lines = vocabText.Split('\n');
        var tokens = lines.Select(l => l.TrimEnd('\r')).ToList();
        if (tokens.Count > 0 && tokens[^1].Length == 0) tokens.RemoveAt(tokens.Count - 1);
        foreach (var special in new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]" })
            if (!tokens.Contains(special))
                throw new DataException($"Vocabulary '{origin}' has no '{special}' token.",
                    "A BERT WordPiece vocab.txt lists [PAD], [UNK], [CLS] and [SEP] among its tokens.");
        var tokenizer = new BertTokenizer();
        tokenizer.LoadVocabulary(new StringReader(vocabText), lowerCase, "[UNK]", "[CLS]", "[SEP]", "[PAD]", NormalizationForm.FormC);
        return new WordPieceTokenizer(tokenizer, tokens.Count, tokens.IndexOf("[PAD]"), tokens.IndexOf("[UNK]"), lowerCase);
    }

    /// <summary>Token ids with [CLS] and [SEP], at most <paramref name="maxLength"/> of them.</summary>
    public int[] Encode(string text, int maxLength)
    {
        if (maxLength < 2) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "maxLength must leave room for [CLS] and [SEP].");
        Span<long> ids = maxLength <= 512 ? stackalloc long[maxLength] : new long[maxLength];
        Span<long> mask = maxLength <= 512 ? stackalloc long[maxLength] : new long[maxLength];
        _tokenizer.Encode(Prepare(text), ids, mask, maxLength);
        // The spans come back padded to maxLength; the mask says how many ids are real.
        var count = 0;
        while (count < maxLength && mask[count] != 0) count++;
        var result = new int[count];
        for (var i = 0; i < count; i++) result[i] = (int)ids[i];
        return result;
    }

    /// <summary>
    /// How many tokens <paramref name="text"/> becomes without truncation, [CLS] and [SEP] left out, and how many of them
    /// are [UNK]: what a length or vocabulary-coverage statistic needs, without keeping the ids.
    /// </summary>
    public TokenCount Count(string text)
    {
        var input = Prepare(text);
        // A word piece averages about four characters, so half the text's length is room enough for nearly every text;
        // a full buffer may be a truncated one (runs of punctuation, single letters), so that text is counted again with twice the room.
        for (var capacity = input.Length / 2 + 8; ; capacity *= 2)
        {
            var ids = ArrayPool<long>.Shared.Rent(capacity);
            var mask = ArrayPool<long>.Shared.Rent(capacity);
            try
            {
                var count = _tokenizer.Encode(input, ids.AsSpan(0, capacity), mask.AsSpan(0, capacity));
                if (count < capacity) return new TokenCount(count - 2, ids.AsSpan(1, count - 2).Count((long)UnknownId));
            }
            finally
            {
                ArrayPool<long>.Shared.Return(ids);
                ArrayPool<long>.Shared.Return(mask);
            }
        }
    }

    /// <summary>The text as FastBertTokenizer gets it: safe for its normaliser, and without accents for an uncased vocabulary.</summary>
    private string Prepare(string? text)
    {
        var safe = ReplaceUnnormalisable(text ?? "");
        return _stripAccents ? AccentFolding.Strip(safe) : safe;
    }

    /// <summary>
    /// A sentence pair as BERT reads it, <c>[CLS] text [SEP] pair [SEP]</c>, at most <paramref name="maxLength"/> ids,
    /// the texts cut by <see cref="LongestFirstTruncation"/>; type ids are 0 for <c>[CLS] text [SEP]</c> and 1 for <c>pair [SEP]</c>.
    /// </summary>
    public (int[] Ids, int[] TypeIds) EncodePair(string text, string pair, int maxLength)
    {
        if (maxLength < 3) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "maxLength must leave room for [CLS] and two [SEP].");
        // Each text whole ([CLS] ... [SEP]): longest_first needs both lengths before it cuts.
        var (first, second) = (EncodeWhole(text), EncodeWhole(pair));
        var (keepFirst, keepSecond) = LongestFirstTruncation.Lengths(first.Length - 2, second.Length - 2, maxLength - 3);
        var ids = new int[keepFirst + keepSecond + 3];
        first.AsSpan(0, keepFirst + 1).CopyTo(ids);
        var separator = first[^1];
        ids[keepFirst + 1] = separator;
        second.AsSpan(1, keepSecond).CopyTo(ids.AsSpan(keepFirst + 2));
        ids[^1] = separator;
        var typeIds = new int[ids.Length];
        typeIds.AsSpan(keepFirst + 2).Fill(1);
        return (ids, typeIds);
    }

    /// <summary>
    /// All of a text's word pieces with [CLS] and [SEP]: encoded into a buffer doubled until the text no longer fills it
    /// (the tokenizer truncates to its buffer and ends with [SEP]).
    /// </summary>
    private int[] EncodeWhole(string text)
    {
        for (var capacity = 128; ; capacity *= 2)
        {
            var ids = Encode(text, capacity);
            if (ids.Length < capacity) return ids;
        }
    }

    /// <summary>
    /// Lone surrogates and U+FFFE (valid in JSON and UTF-8 escapes, refused by ICU's normaliser, which FastBertTokenizer
    /// calls) become U+FFFD, which BERT's text cleaning drops: any string a client can send is classified, none throws.
    /// </summary>
    private static string ReplaceUnnormalisable(string text)
    {
        if (Ascii.IsValid(text)) return text;
        char[]? copy = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pair) i++;
            else if (char.IsSurrogate(c) || c == '\uFFFE') (copy ??= text.ToCharArray())[i] = '\uFFFD';
        }
        return copy is null ? text : new string(copy);
    }
}
