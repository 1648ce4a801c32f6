namespace Mlops.Data.Synthetic;

/// <summary>Draws acceptable sentence structures from <see cref="SyntheticLexicon"/>, so every corruption starts from a grammatical sentence.</summary>
internal sealed class SentenceBuilder(Random random)
{
    /// <summary>An acceptable sentence whose shape suits the corruption to come (<see cref="SyntheticCorruption.None"/> for none).</summary>
    public SyntheticSentence Build(SyntheticCorruption corruptionToCome)
    {
        var frame = corruptionToCome switch
        {
            SyntheticCorruption.ExtraArgument => VerbFrame.Intransitive,
            SyntheticCorruption.MissingArgument => random.Chance(0.6) ? VerbFrame.Transitive : VerbFrame.Ditransitive,
            _ => random.Pick([VerbFrame.Intransitive, VerbFrame.Intransitive, VerbFrame.Transitive, VerbFrame.Transitive, VerbFrame.Ditransitive]),
        };
        // Agreement shows only in the present tense.
        var past = corruptionToCome != SyntheticCorruption.Agreement && random.Chance(0.4);
        return new SyntheticSentence
        {
            Subject = Subject(),
            Predicate = Predicate(frame, past, preferRecipientWithTo: corruptionToCome == SyntheticCorruption.MissingArgument),
        };
    }

    /// <summary>A name or a plain "determiner [adjective] person" phrase.</summary>
    public NounPhrase Person(double nameChance, double adjectiveChance) =>
        random.Chance(nameChance) ? Name() : PersonPhrase(adjectiveChance);

    private NounPhrase Subject()
    {
        if (random.Chance(0.25)) return Name();
        var plural = random.Chance(0.5);
        var noun = random.Pick(SyntheticLexicon.People);
        PrepositionalPhrase? modifier = null;
        VerbPhrase? relative = null;
        var roll = random.NextDouble();
        if (roll < 0.15) modifier = PlacePhrase();
        else if (roll < 0.30) relative = RelativeClause();
        return new NounPhrase
        {
            Determiner = Determiner(plural),
            Adjective = random.Chance(0.3) ? Adjective(people: true) : null,
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
        var transitive = random.Chance(0.5);
        var verb = transitive ? random.Pick(SyntheticLexicon.Transitive) : random.Pick(SyntheticLexicon.Intransitive);
        var phrase = new VerbPhrase
        {
            Verb = verb,
            Past = random.Chance(0.4),
            PostAdverb = !transitive && random.Chance(0.2) ? random.Pick(SyntheticLexicon.PostVerbAdverbs) : null,
        };
        if (transitive) phrase.Objects.Add(Object(verb.Object));
        return phrase;
    }

    private VerbPhrase Predicate(VerbFrame frame, bool past, bool preferRecipientWithTo)
    {
        var verb = frame switch
        {
            VerbFrame.Intransitive => random.Pick(SyntheticLexicon.Intransitive),
            VerbFrame.Transitive => random.Pick(SyntheticLexicon.Transitive),
            _ => random.Pick(SyntheticLexicon.Ditransitive),
        };
        var phrase = new VerbPhrase
        {
            PreAdverb = random.Chance(0.15) ? random.Pick(SyntheticLexicon.PreVerbAdverbs) : null,
            Verb = verb,
            Past = past,
            PostAdverb = random.Chance(0.2) ? random.Pick(SyntheticLexicon.PostVerbAdverbs) : null,
            Modifier = random.Chance(0.25) ? PlacePhrase() : null,
        };
        switch (frame)
        {
            case VerbFrame.Transitive:
                phrase.Objects.Add(Object(verb.Object));
                break;
            case VerbFrame.Ditransitive:
                var theme = ThingPhrase(adjectiveChance: 0.25);
                var recipient = Person(nameChance: 0.5, adjectiveChance: 0.2);
                if (preferRecipientWithTo || random.Chance(0.6))
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
            _ => random.Chance(0.5),
        };
        if (!person) return ThingPhrase(adjectiveChance: 0.25);
        return Person(nameChance: 0.3, adjectiveChance: 0.25);
    }

    private NounPhrase Name() => new() { Head = random.Pick(SyntheticLexicon.Names) };

    private NounPhrase PersonPhrase(double adjectiveChance) => Simple(random.Pick(SyntheticLexicon.People), people: true, adjectiveChance);

    private NounPhrase ThingPhrase(double adjectiveChance) => Simple(random.Pick(SyntheticLexicon.Things), people: false, adjectiveChance);

    private NounPhrase Simple(Noun noun, bool people, double adjectiveChance)
    {
        var plural = random.Chance(0.4);
        return new NounPhrase
        {
            Determiner = Determiner(plural),
            Adjective = random.Chance(adjectiveChance) ? Adjective(people) : null,
            Head = plural ? noun.Plural : noun.Singular,
            Plural = plural,
        };
    }

    /// <summary>"near the old barn"</summary>
    private PrepositionalPhrase PlacePhrase() => new()
    {
        Preposition = random.Pick(SyntheticLexicon.Prepositions),
        Object = new NounPhrase
        {
            Determiner = random.Chance(0.8) ? "the" : "a",
            Adjective = random.Chance(0.2) ? random.Pick(SyntheticLexicon.PlaceAdjectives) : null,
            Head = random.Pick(SyntheticLexicon.Places).Singular,
        },
    };

    private string Determiner(bool plural)
    {
        // "the" half the time, like real text; otherwise any determiner of the right number.
        if (random.Chance(0.5)) return "the";
        var fitting = SyntheticLexicon.Determiners.Where(d => plural ? d.Plural : d.Singular).ToArray();
        return random.Pick(fitting).Word;
    }

    private string Adjective(bool people)
    {
        var fitting = SyntheticLexicon.Adjectives.Where(a => people ? a.ForPeople : a.ForThings).ToArray();
        return random.Pick(fitting).Word;
    }
}
