namespace Mlops.Data.Synthetic;

/// <summary>
/// A recognizer for the small context-free grammar behind the synthetic (generated, not CoLA)
/// acceptability data. It exists so the generator can prove its labels: every sentence it labels
/// acceptable must be in this language and every corrupted one must not be, so a corruption can
/// never coincidentally produce a valid sentence. The language is a slight superset of what the
/// generator writes (any noun may fill any noun slot, "a"/"an" are interchangeable, adverbs and
/// prepositional phrases may follow any verb phrase in any number), which only makes the check stricter.
/// </summary>
/// <remarks>
/// S → NP[n] VP[n] "."; NP[n] → Name (singular) | Det[n] Adj* N[n] PP? RC[n]?; PP → P NP;
/// RC[n] → ("who" | "that") VP[n]; VP[n] → Adv? V[n] Args (Adv | PP)*, where V[n] is a past form or
/// the present form agreeing with n, and Args is nothing (intransitive), NP (transitive), or
/// NP "to" NP | NP NP (ditransitive).
/// </remarks>
public static class SyntheticGrammar
{
    private enum Category
    {
        Determiner,
        Noun,
        Name,
        Adjective,
        Verb,
        PreVerbAdverb,
        PostVerbAdverb,
        Preposition,
        RecipientMarker,
        RelativePronoun,
    }

    private enum VerbForm
    {
        Plural,
        Singular,
        Past,
    }

    private static readonly Dictionary<string, Category> Categories = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, Determiner> Determiners = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, bool> NounIsPlural = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, (Verb Verb, VerbForm Form)> Verbs = new(StringComparer.Ordinal);

    static SyntheticGrammar()
    {
        // Add (not the indexer) throws on a word in two categories or a verb with two equal forms:
        // the recognizer, and the corruptions' guarantees, rely on each word having one reading.
        foreach (var d in SyntheticLexicon.Determiners) Add(d.Word, Category.Determiner);
        Add(SyntheticLexicon.An, Category.Determiner);
        foreach (var d in SyntheticLexicon.Determiners) Determiners.Add(d.Word, d);
        Determiners.Add(SyntheticLexicon.An, Determiners["a"]);
        foreach (var n in SyntheticLexicon.People.Concat(SyntheticLexicon.Things).Concat(SyntheticLexicon.Places))
        {
            Add(n.Singular, Category.Noun);
            Add(n.Plural, Category.Noun);
            NounIsPlural.Add(n.Singular, false);
            NounIsPlural.Add(n.Plural, true);
        }
        foreach (var name in SyntheticLexicon.Names) Add(name, Category.Name);
        foreach (var a in SyntheticLexicon.Adjectives) Add(a.Word, Category.Adjective);
        foreach (var a in SyntheticLexicon.PlaceAdjectives)
        {
            if (!SyntheticLexicon.Adjectives.Any(x => x.Word == a))
                throw new InvalidOperationException($"Place adjective '{a}' is not in the adjective list.");
        }
        foreach (var v in SyntheticLexicon.Intransitive.Concat(SyntheticLexicon.Transitive).Concat(SyntheticLexicon.Ditransitive))
        {
            Add(v.Plural, Category.Verb);
            Add(v.Singular, Category.Verb);
            Add(v.Past, Category.Verb);
            Verbs.Add(v.Plural, (v, VerbForm.Plural));
            Verbs.Add(v.Singular, (v, VerbForm.Singular));
            Verbs.Add(v.Past, (v, VerbForm.Past));
        }
        foreach (var a in SyntheticLexicon.PreVerbAdverbs) Add(a, Category.PreVerbAdverb);
        foreach (var a in SyntheticLexicon.PostVerbAdverbs) Add(a, Category.PostVerbAdverb);
        foreach (var p in SyntheticLexicon.Prepositions) Add(p, Category.Preposition);
        Add(SyntheticLexicon.RecipientMarker, Category.RecipientMarker);
        Add(SyntheticLexicon.Who, Category.RelativePronoun);
        Add(SyntheticLexicon.That, Category.RelativePronoun);

        static void Add(string word, Category category) => Categories.Add(word, category);
    }

    /// <summary>Every word the grammar knows, in no particular order.</summary>
    public static IReadOnlyCollection<string> Vocabulary => Categories.Keys;

    /// <summary>
    /// Whether <paramref name="sentence"/> (lowercase words separated by single spaces, ending in ".")
    /// is a sentence of the grammar.
    /// </summary>
    public static bool IsGrammatical(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        if (sentence.Length < 2 || sentence[^1] != '.') return false;
        var words = sentence[..^1].Split(' ');
        foreach (var w in words)
        {
            if (!Categories.ContainsKey(w)) return false;
        }
        var parser = new Parser(words);
        foreach (var (end, plural) in parser.NounPhrases(0))
        {
            if (parser.VerbPhrases(end, plural).Contains(words.Length)) return true;
        }
        return false;
    }

    /// <summary>
    /// Top-down recognizer: each method returns every position where its phrase can end when it starts
    /// at a given position. Every rule consumes a word before recursing, so it terminates; sentences are short.
    /// </summary>
    private sealed class Parser(string[] words)
    {
        private bool Is(int i, Category category) => i < words.Length && Categories[words[i]] == category;

        public List<(int End, bool Plural)> NounPhrases(int i)
        {
            var result = new List<(int, bool)>();
            if (Is(i, Category.Name))
            {
                AddModified(result, i + 1, plural: false);
                return result;
            }
            if (!Is(i, Category.Determiner)) return result;
            var determiner = Determiners[words[i]];
            var j = i + 1;
            while (Is(j, Category.Adjective)) j++;
            if (!Is(j, Category.Noun)) return result;
            var plural = NounIsPlural[words[j]];
            if (plural ? !determiner.Plural : !determiner.Singular) return result;
            AddModified(result, j + 1, plural);
            return result;
        }

        /// <summary>The core noun phrase ending at <paramref name="end"/>, then an optional PP and relative clause.</summary>
        private void AddModified(List<(int, bool)> result, int end, bool plural)
        {
            var cores = new List<int> { end };
            cores.AddRange(PrepositionalPhrases(end));
            foreach (var core in cores)
            {
                result.Add((core, plural));
                if (Is(core, Category.RelativePronoun))
                {
                    foreach (var rc in VerbPhrases(core + 1, plural)) result.Add((rc, plural));
                }
            }
        }

        private List<int> PrepositionalPhrases(int i)
        {
            if (!Is(i, Category.Preposition)) return [];
            return NounPhrases(i + 1).Select(np => np.End).Distinct().ToList();
        }

        public List<int> VerbPhrases(int i, bool subjectPlural)
        {
            if (Is(i, Category.PreVerbAdverb)) i++;
            if (!Is(i, Category.Verb)) return [];
            var (verb, form) = Verbs[words[i]];
            if (form == VerbForm.Plural && !subjectPlural) return [];
            if (form == VerbForm.Singular && subjectPlural) return [];
            var afterArguments = verb.Frame switch
            {
                VerbFrame.Intransitive => [i + 1],
                VerbFrame.Transitive => Ends(NounPhrases(i + 1)),
                _ => DitransitiveArguments(i + 1),
            };
            var result = new HashSet<int>();
            foreach (var end in afterArguments) AddTails(result, end);
            return [.. result];
        }

        private List<int> DitransitiveArguments(int i)
        {
            var result = new List<int>();
            foreach (var theme in Ends(NounPhrases(i)))
            {
                // "gave the book to john"
                if (Is(theme, Category.RecipientMarker)) result.AddRange(Ends(NounPhrases(theme + 1)));
                // "gave john the book"
                result.AddRange(Ends(NounPhrases(theme)));
            }
            return result;
        }

        /// <summary>Any sequence of post-verb adverbs and prepositional phrases after the arguments.</summary>
        private void AddTails(HashSet<int> result, int i)
        {
            if (!result.Add(i)) return;
            if (Is(i, Category.PostVerbAdverb)) AddTails(result, i + 1);
            foreach (var pp in PrepositionalPhrases(i)) AddTails(result, pp);
        }

        private static List<int> Ends(List<(int End, bool Plural)> phrases) => phrases.Select(p => p.End).Distinct().ToList();
    }
}
