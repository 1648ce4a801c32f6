using System.Globalization;
using Mlops.Core;

namespace Mlops.Data;

/// <summary>
/// A loaded dataset: training examples, the validation set, and the named parts that make up the
/// validation set (CoLA's in-domain and out-of-domain dev files), so each can be reported separately.
/// </summary>
public sealed record DatasetSplits(
    string Name,
    IReadOnlyList<string> LabelNames,
    IReadOnlyList<LabeledSentence> Train,
    IReadOnlyDictionary<string, IReadOnlyList<LabeledSentence>> ValidationParts)
{
    /// <summary>All validation parts together, in the order they were added (GLUE's CoLA validation split).</summary>
    public IReadOnlyList<LabeledSentence> Validation { get; } = ValidationParts.Values.SelectMany(p => p).ToList();

    /// <summary>
    /// A content hash of the labels and every split's sentences (part names, order, label, text and pair text): the same data gives
    /// the same fingerprint whichever source loaded it, and any edited sentence or label changes it.
    /// </summary>
    public string Fingerprint()
    {
        // Hashed as it is written: the same bytes as the one big string it once was (fingerprints recorded before stay
        // valid), without a second copy of the whole dataset.
        using var hash = new ContentHashWriter();
        hash.Append(string.Join('\t', LabelNames)).Append('\n');
        foreach (var (part, sentences) in ValidationParts.Prepend(new("train", Train)))
        {
            hash.Append("## ").Append(part).Append('\n');
            foreach (var sentence in sentences)
            {
                hash.Append(sentence.Label.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(sentence.Text);
                // A pair adds its second text; a single-text dataset hashes exactly as before pairs existed.
                if (sentence.Pair is not null) hash.Append('\t').Append(sentence.Pair);
                hash.Append('\n');
            }
        }
        return hash.Finish();
    }
}
