namespace Mlops.Data.Synthetic;

/// <summary>
/// Generates a small synthetic English acceptability dataset (not CoLA: every sentence is made up here
/// from a template grammar and a lexicon of about 200 words), so the first training run works offline
/// with no download. Acceptable sentences come from the grammar ("the dogs chase a cat." style, with
/// adjectives, adverbs, prepositional phrases and relative clauses); unacceptable ones are acceptable
/// ones with one recorded <see cref="SyntheticCorruption"/>, checked against <see cref="SyntheticGrammar"/>
/// so that none is coincidentally grammatical. The same options give the same sentences on every
/// machine and run: the only randomness is <c>new Random(Seed)</c>, and word lists are walked by index.
/// </summary>
public sealed class SyntheticAcceptabilityGenerator
{
    public const int UnacceptableLabel = 0;
    public const int AcceptableLabel = 1;

    /// <summary>Give up after this many generated sentences in a row that were already taken.</summary>
    private const int MaxAttemptsPerSentence = 10_000;

    // Mix of corruption kinds among unacceptable sentences; the rest is extra arguments.
    private const double AgreementShare = 0.35;
    private const double WordOrderShare = 0.30;
    private const double MissingArgumentShare = 0.20;

    public SyntheticAcceptabilityGenerator(SyntheticAcceptabilityOptions? options = null)
    {
        Options = options ?? new SyntheticAcceptabilityOptions();
        Options.Validate();
    }

    public SyntheticAcceptabilityOptions Options { get; }

    /// <summary>
    /// Generates validation first, then train, from one random stream; a sentence already used
    /// anywhere is drawn again, so the splits are disjoint and free of duplicates.
    /// </summary>
    public SyntheticDataset Generate()
    {
        var random = new Random(Options.Seed);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var validation = GenerateSplit(random, Options.ValidationSize, taken);
        var train = GenerateSplit(random, Options.TrainSize, taken);
        return new SyntheticDataset(train, validation);
    }

    private List<SyntheticExample> GenerateSplit(Random random, int size, HashSet<string> taken)
    {
        var acceptable = (int)Math.Round(size * Options.AcceptableShare, MidpointRounding.AwayFromZero);
        var labels = new int[size];
        for (var i = 0; i < size; i++) labels[i] = i < acceptable ? AcceptableLabel : UnacceptableLabel;
        Shuffle(random, labels);

        var examples = new List<SyntheticExample>(size);
        var builder = new SentenceBuilder(random);
        var corruptor = new SentenceCorruptor(random, builder);
        foreach (var label in labels)
        {
            for (var attempt = 0; ; attempt++)
            {
                if (attempt == MaxAttemptsPerSentence)
                    throw new DataException($"The synthetic grammar ran out of distinct sentences after {taken.Count}.",
                        "Ask for fewer synthetic sentences (train + validation), or use CoLA for a larger dataset.");
                var example = label == AcceptableLabel ? Acceptable(builder) : Unacceptable(random, builder, corruptor);
                if (example is not null && taken.Add(example.Text))
                {
                    examples.Add(example);
                    break;
                }
            }
        }
        return examples;
    }

    private static SyntheticExample Acceptable(SentenceBuilder builder)
    {
        var text = SentenceWriter.Write(builder.Build(SyntheticCorruption.None));
        if (!SyntheticGrammar.IsGrammatical(text))
            throw new InvalidOperationException($"Synthetic grammar bug: generated '{text}' is not in the grammar.");
        return new SyntheticExample(text, AcceptableLabel, SyntheticCorruption.None);
    }

    /// <summary>An unacceptable sentence, or null in the (guarded-against) case that the corruption left it grammatical.</summary>
    private static SyntheticExample? Unacceptable(Random random, SentenceBuilder builder, SentenceCorruptor corruptor)
    {
        var roll = random.NextDouble();
        var kind = roll < AgreementShare ? SyntheticCorruption.Agreement
            : roll < AgreementShare + WordOrderShare ? SyntheticCorruption.WordOrder
            : roll < AgreementShare + WordOrderShare + MissingArgumentShare ? SyntheticCorruption.MissingArgument
            : SyntheticCorruption.ExtraArgument;
        var sentence = builder.Build(kind);
        corruptor.Corrupt(sentence, kind);
        var text = SentenceWriter.Write(sentence);
        return SyntheticGrammar.IsGrammatical(text) ? null : new SyntheticExample(text, UnacceptableLabel, kind);
    }

    private static void Shuffle<T>(Random random, T[] items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
