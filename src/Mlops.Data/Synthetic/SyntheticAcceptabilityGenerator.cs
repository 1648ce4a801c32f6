using Mlops.Core;

namespace Mlops.Data.Synthetic;

/// <summary>
/// How a generated (synthetic, not CoLA) unacceptable sentence was made from an acceptable one, recorded so
/// errors can be analysed per kind; <see cref="None"/> for acceptable sentences.
/// </summary>
public enum SyntheticCorruption
{
    None,

    /// <summary>The verb disagrees with its subject: "the dogs sleeps.", "the dog who like the cat sleeps."</summary>
    Agreement,

    /// <summary>Words out of order: "dog the sleeps.", "the dog big sleeps.", "sleeps the dog.", "the dog sleeps the garden in."</summary>
    WordOrder,

    /// <summary>A required argument is missing: "the dog admires.", "mary showed to john.", "mary gave the book to."</summary>
    MissingArgument,

    /// <summary>An intransitive verb with an object: "the dog sleeps the cat."</summary>
    ExtraArgument,
}

/// <summary>One generated (synthetic, not CoLA) sentence with its label and, for unacceptable ones, the corruption that made it.</summary>
public sealed record SyntheticExample(string Text, int Label, SyntheticCorruption Corruption)
{
    public LabeledSentence ToLabeledSentence() => new(Text, Label);
}

/// <summary>The generated (synthetic, not CoLA) train and validation splits; no sentence occurs twice, within or across them.</summary>
public sealed record SyntheticDataset(IReadOnlyList<SyntheticExample> Train, IReadOnlyList<SyntheticExample> Validation);

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
        foreach (var label in labels)
        {
            for (var attempt = 0; ; attempt++)
            {
                if (attempt == MaxAttemptsPerSentence)
                    throw new DataException($"The synthetic grammar ran out of distinct sentences after {taken.Count}.",
                        "Ask for fewer synthetic sentences (train + validation), or use CoLA for a larger dataset.");
                var example = label == AcceptableLabel ? builder.Acceptable() : builder.Unacceptable();
                if (example is not null && taken.Add(example.Text))
                {
                    examples.Add(example);
                    break;
                }
            }
        }
        return examples;
    }

    private static void Shuffle<T>(Random random, T[] items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private enum NounOrder
    {
        Normal,

        /// <summary>"dog the"</summary>
        NounBeforeDeterminer,

        /// <summary>"the dog big"</summary>
        AdjectiveAfterNoun,
    }

    private sealed class NounPhrase
    {
        public string? Determiner { get; init; }

        public string? Adjective { get; init; }

        public required string Head { get; init; }

        public bool Plural { get; init; }

        public PrepositionalPhrase? Modifier { get; init; }

        public string? RelativePronoun { get; init; }

        public VerbPhrase? Relative { get; init; }

        public NounOrder Order { get; set; }
    }

    private sealed class PrepositionalPhrase
    {
        public required string Preposition { get; init; }

        public required NounPhrase Object { get; init; }

        /// <summary>"the garden in"</summary>
        public bool Inverted { get; set; }
    }

    private sealed class VerbPhrase
    {
        public string? PreAdverb { get; init; }

        public required Verb Verb { get; init; }

        public bool Past { get; init; }

        /// <summary>Objects right after the verb: the object, the theme, or recipient then theme.</summary>
        public List<NounPhrase> Objects { get; } = [];

        /// <summary>The "to" recipient of a ditransitive.</summary>
        public NounPhrase? Recipient { get; set; }

        /// <summary>"to" with nothing after it.</summary>
        public bool StrandedTo { get; set; }

        public string? PostAdverb { get; init; }

        public PrepositionalPhrase? Modifier { get; init; }

        /// <summary>Present tense in the form of the other number.</summary>
        public bool WrongAgreement { get; set; }
    }

    private sealed class Sentence
    {
        public required NounPhrase Subject { get; init; }

        public required VerbPhrase Predicate { get; init; }

        /// <summary>"sleeps the dog."</summary>
        public bool VerbFirst { get; set; }
    }

    /// <summary>Draws sentence structures from the lexicon, corrupts them, and writes them out.</summary>
    private sealed class SentenceBuilder(Random random)
    {
        public SyntheticExample Acceptable()
        {
            var text = Render(Base(SyntheticCorruption.None));
            if (!SyntheticGrammar.IsGrammatical(text))
                throw new InvalidOperationException($"Synthetic grammar bug: generated '{text}' is not in the grammar.");
            return new SyntheticExample(text, AcceptableLabel, SyntheticCorruption.None);
        }

        /// <summary>An unacceptable sentence, or null in the (guarded-against) case that the corruption left it grammatical.</summary>
        public SyntheticExample? Unacceptable()
        {
            var roll = random.NextDouble();
            var kind = roll < AgreementShare ? SyntheticCorruption.Agreement
                : roll < AgreementShare + WordOrderShare ? SyntheticCorruption.WordOrder
                : roll < AgreementShare + WordOrderShare + MissingArgumentShare ? SyntheticCorruption.MissingArgument
                : SyntheticCorruption.ExtraArgument;
            var sentence = Base(kind);
            Corrupt(sentence, kind);
            var text = Render(sentence);
            return SyntheticGrammar.IsGrammatical(text) ? null : new SyntheticExample(text, UnacceptableLabel, kind);
        }

        /// <summary>An acceptable sentence whose shape suits the corruption to come.</summary>
        private Sentence Base(SyntheticCorruption kind)
        {
            var frame = kind switch
            {
                SyntheticCorruption.ExtraArgument => VerbFrame.Intransitive,
                SyntheticCorruption.MissingArgument => Chance(0.6) ? VerbFrame.Transitive : VerbFrame.Ditransitive,
                _ => Pick([VerbFrame.Intransitive, VerbFrame.Intransitive, VerbFrame.Transitive, VerbFrame.Transitive, VerbFrame.Ditransitive]),
            };
            // Agreement shows only in the present tense.
            var past = kind != SyntheticCorruption.Agreement && Chance(0.4);
            return new Sentence
            {
                Subject = Subject(),
                Predicate = Predicate(frame, past, preferRecipientWithTo: kind == SyntheticCorruption.MissingArgument),
            };
        }

        private void Corrupt(Sentence sentence, SyntheticCorruption kind)
        {
            switch (kind)
            {
                case SyntheticCorruption.Agreement:
                    var relative = sentence.Subject.Relative;
                    if (relative is { Past: false } && Chance(0.3)) relative.WrongAgreement = true;
                    else sentence.Predicate.WrongAgreement = true;
                    break;
                case SyntheticCorruption.WordOrder:
                    CorruptWordOrder(sentence);
                    break;
                case SyntheticCorruption.MissingArgument:
                    RemoveArgument(sentence.Predicate);
                    break;
                case SyntheticCorruption.ExtraArgument:
                    sentence.Predicate.Objects.Add(Chance(0.3) ? Name() : PersonPhrase(adjectiveChance: 0.2));
                    break;
            }
        }

        private void CorruptWordOrder(Sentence sentence)
        {
            var options = new List<Action> { () => sentence.VerbFirst = true };
            var subject = sentence.Subject;
            if (subject.Determiner is not null)
            {
                options.Add(() => subject.Order = NounOrder.NounBeforeDeterminer);
                // Only the subject: after an object, "likes the dog big" can be a depictive ("likes the coffee hot").
                if (subject.Adjective is not null) options.Add(() => subject.Order = NounOrder.AdjectiveAfterNoun);
            }
            var objects = sentence.Predicate.Objects;
            if (objects.Count > 0 && objects[0].Determiner is not null)
                options.Add(() => objects[0].Order = NounOrder.NounBeforeDeterminer);
            if (sentence.Predicate.Modifier is { } pp) options.Add(() => pp.Inverted = true);
            if (subject.Modifier is { } subjectPp) options.Add(() => subjectPp.Inverted = true);
            Pick(options)();
        }

        private void RemoveArgument(VerbPhrase predicate)
        {
            if (predicate.Verb.Frame == VerbFrame.Transitive)
            {
                predicate.Objects.Clear();
                return;
            }
            // Base() gives a missing-argument ditransitive its recipient with "to": [theme] to [recipient].
            var options = new List<Action>
            {
                // "mary gave the book to."
                () => { predicate.Recipient = null; predicate.StrandedTo = true; },
            };
            // "mary showed to john." (but "mary sold to john." is fine English)
            if (predicate.Verb.ThemeRequired) options.Add(() => predicate.Objects.Clear());
            // "mary handed the book." (but "mary sent the book." is fine English)
            if (predicate.Verb.RecipientRequired) options.Add(() => predicate.Recipient = null);
            Pick(options)();
        }

        private NounPhrase Subject()
        {
            if (Chance(0.25)) return Name();
            var plural = Chance(0.5);
            var noun = Pick(SyntheticLexicon.People);
            PrepositionalPhrase? modifier = null;
            VerbPhrase? relative = null;
            var roll = random.NextDouble();
            if (roll < 0.15) modifier = PlacePhrase();
            else if (roll < 0.30) relative = RelativeClause();
            return new NounPhrase
            {
                Determiner = Determiner(plural),
                Adjective = Chance(0.3) ? Adjective(people: true) : null,
                Head = plural ? noun.Plural : noun.Singular,
                Plural = plural,
                Modifier = modifier,
                RelativePronoun = relative is null ? null : SyntheticLexicon.Who,
                Relative = relative,
            };
        }

        /// <summary>"who sleeps", "who liked the cake": one verb and at most a plain object.</summary>
        private VerbPhrase RelativeClause()
        {
            var transitive = Chance(0.5);
            var verb = transitive ? Pick(SyntheticLexicon.Transitive) : Pick(SyntheticLexicon.Intransitive);
            var phrase = new VerbPhrase
            {
                Verb = verb,
                Past = Chance(0.4),
                PostAdverb = !transitive && Chance(0.2) ? Pick(SyntheticLexicon.PostVerbAdverbs) : null,
            };
            if (transitive) phrase.Objects.Add(Object(verb.Object));
            return phrase;
        }

        private VerbPhrase Predicate(VerbFrame frame, bool past, bool preferRecipientWithTo)
        {
            var verb = frame switch
            {
                VerbFrame.Intransitive => Pick(SyntheticLexicon.Intransitive),
                VerbFrame.Transitive => Pick(SyntheticLexicon.Transitive),
                _ => Pick(SyntheticLexicon.Ditransitive),
            };
            var phrase = new VerbPhrase
            {
                PreAdverb = Chance(0.15) ? Pick(SyntheticLexicon.PreVerbAdverbs) : null,
                Verb = verb,
                Past = past,
                PostAdverb = Chance(0.2) ? Pick(SyntheticLexicon.PostVerbAdverbs) : null,
                Modifier = Chance(0.25) ? PlacePhrase() : null,
            };
            switch (frame)
            {
                case VerbFrame.Transitive:
                    phrase.Objects.Add(Object(verb.Object));
                    break;
                case VerbFrame.Ditransitive:
                    var theme = ThingPhrase(adjectiveChance: 0.25);
                    var recipient = Chance(0.5) ? Name() : PersonPhrase(adjectiveChance: 0.2);
                    if (preferRecipientWithTo || Chance(0.6))
                    {
                        phrase.Objects.Add(theme);
                        phrase.Recipient = recipient;
                    }
                    else
                    {
                        phrase.Objects.Add(recipient);
                        phrase.Objects.Add(theme);
                    }
                    break;
            }
            return phrase;
        }

        private NounPhrase Object(ObjectKind kind)
        {
            var person = kind switch
            {
                ObjectKind.Person => true,
                ObjectKind.Thing => false,
                _ => Chance(0.5),
            };
            if (!person) return ThingPhrase(adjectiveChance: 0.25);
            return Chance(0.3) ? Name() : PersonPhrase(adjectiveChance: 0.25);
        }

        private NounPhrase Name() => new() { Head = Pick(SyntheticLexicon.Names) };

        private NounPhrase PersonPhrase(double adjectiveChance) => Simple(Pick(SyntheticLexicon.People), people: true, adjectiveChance);

        private NounPhrase ThingPhrase(double adjectiveChance) => Simple(Pick(SyntheticLexicon.Things), people: false, adjectiveChance);

        private NounPhrase Simple(Noun noun, bool people, double adjectiveChance)
        {
            var plural = Chance(0.4);
            return new NounPhrase
            {
                Determiner = Determiner(plural),
                Adjective = Chance(adjectiveChance) ? Adjective(people) : null,
                Head = plural ? noun.Plural : noun.Singular,
                Plural = plural,
            };
        }

        /// <summary>"near the old barn"</summary>
        private PrepositionalPhrase PlacePhrase() => new()
        {
            Preposition = Pick(SyntheticLexicon.Prepositions),
            Object = new NounPhrase
            {
                Determiner = Chance(0.8) ? "the" : "a",
                Adjective = Chance(0.2) ? Pick(SyntheticLexicon.PlaceAdjectives) : null,
                Head = Pick(SyntheticLexicon.Places).Singular,
            },
        };

        private string Determiner(bool plural)
        {
            // "the" half the time, like real text; otherwise any determiner of the right number.
            if (Chance(0.5)) return "the";
            var fitting = SyntheticLexicon.Determiners.Where(d => plural ? d.Plural : d.Singular).ToArray();
            return Pick(fitting).Word;
        }

        private string Adjective(bool people)
        {
            var fitting = SyntheticLexicon.Adjectives.Where(a => people ? a.ForPeople : a.ForThings).ToArray();
            return Pick(fitting).Word;
        }

        private bool Chance(double probability) => random.NextDouble() < probability;

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
    }

    private static string Render(Sentence sentence)
    {
        var subject = Render(sentence.Subject);
        var predicate = Render(sentence.Predicate, sentence.Subject.Plural, out var verbIndex);
        var words = new List<string>(subject.Count + predicate.Count);
        if (sentence.VerbFirst)
        {
            words.Add(predicate[verbIndex]);
            predicate.RemoveAt(verbIndex);
        }
        words.AddRange(subject);
        words.AddRange(predicate);
        return string.Join(' ', words) + ".";
    }

    private static List<string> Render(NounPhrase phrase)
    {
        var words = new List<string>();
        if (phrase.Determiner is null)
        {
            words.Add(phrase.Head);
        }
        else
        {
            // The article fits the word after it in the correct order, also when the order is then broken.
            var determiner = phrase.Determiner == "a" && StartsWithVowel(phrase.Adjective ?? phrase.Head) ? SyntheticLexicon.An : phrase.Determiner;
            switch (phrase.Order)
            {
                case NounOrder.NounBeforeDeterminer:
                    words.Add(phrase.Head);
                    words.Add(determiner);
                    if (phrase.Adjective is not null) words.Add(phrase.Adjective);
                    break;
                case NounOrder.AdjectiveAfterNoun:
                    words.Add(determiner);
                    words.Add(phrase.Head);
                    if (phrase.Adjective is not null) words.Add(phrase.Adjective);
                    break;
                default:
                    words.Add(determiner);
                    if (phrase.Adjective is not null) words.Add(phrase.Adjective);
                    words.Add(phrase.Head);
                    break;
            }
        }
        if (phrase.Modifier is not null) words.AddRange(Render(phrase.Modifier));
        if (phrase.Relative is not null)
        {
            words.Add(phrase.RelativePronoun!);
            words.AddRange(Render(phrase.Relative, phrase.Plural, out _));
        }
        return words;
    }

    private static List<string> Render(PrepositionalPhrase phrase)
    {
        var words = Render(phrase.Object);
        if (phrase.Inverted) words.Add(phrase.Preposition);
        else words.Insert(0, phrase.Preposition);
        return words;
    }

    private static List<string> Render(VerbPhrase phrase, bool subjectPlural, out int verbIndex)
    {
        var words = new List<string>();
        if (phrase.PreAdverb is not null) words.Add(phrase.PreAdverb);
        verbIndex = words.Count;
        var plural = subjectPlural ^ phrase.WrongAgreement;
        words.Add(phrase.Past ? phrase.Verb.Past : plural ? phrase.Verb.Plural : phrase.Verb.Singular);
        foreach (var o in phrase.Objects) words.AddRange(Render(o));
        if (phrase.Recipient is not null || phrase.StrandedTo) words.Add(SyntheticLexicon.RecipientMarker);
        if (phrase.Recipient is not null) words.AddRange(Render(phrase.Recipient));
        if (phrase.PostAdverb is not null) words.Add(phrase.PostAdverb);
        if (phrase.Modifier is not null) words.AddRange(Render(phrase.Modifier));
        return words;
    }

    private static bool StartsWithVowel(string word) => "aeiou".Contains(word[0]);
}
