namespace Mlops.Data.Synthetic;

/// <summary>Turns an acceptable <see cref="SyntheticSentence"/> into an unacceptable one with exactly one <see cref="SyntheticCorruption"/>.</summary>
internal sealed class SentenceCorruptor(Random random, SentenceBuilder builder)
{
    /// <summary>Applies <paramref name="kind"/> to <paramref name="sentence"/>, which <see cref="SentenceBuilder.Build"/> shaped for it.</summary>
    public void Corrupt(SyntheticSentence sentence, SyntheticCorruption kind)
    {
        switch (kind)
        {
            case SyntheticCorruption.Agreement:
                var relative = sentence.Subject.Relative;
                if (relative is { Past: false } && random.Chance(0.3)) relative.WrongAgreement = true;
                else sentence.Predicate.WrongAgreement = true;
                break;
            case SyntheticCorruption.WordOrder:
                CorruptWordOrder(sentence);
                break;
            case SyntheticCorruption.MissingArgument:
                RemoveArgument(sentence.Predicate);
                break;
            case SyntheticCorruption.ExtraArgument:
                sentence.Predicate.Objects.Add(builder.Person(nameChance: 0.3, adjectiveChance: 0.2));
                break;
        }
    }

    private void CorruptWordOrder(SyntheticSentence sentence)
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
        random.Pick(options)();
    }

    private void RemoveArgument(VerbPhrase predicate)
    {
        if (predicate.Verb.Frame == VerbFrame.Transitive)
        {
            predicate.Objects.Clear();
            return;
        }
        // Build() gives a missing-argument ditransitive its recipient with "to": [theme] to [recipient].
        var options = new List<Action>
        {
            // "mary gave the book to."
            () => { predicate.Recipient = null; predicate.StrandedTo = true; },
        };
        // "mary showed to john." (but "mary sold to john." is fine English)
        if (predicate.Verb.ThemeRequired) options.Add(() => predicate.Objects.Clear());
        // "mary handed the book." (but "mary sent the book." is fine English)
        if (predicate.Verb.RecipientRequired) options.Add(() => predicate.Recipient = null);
        random.Pick(options)();
    }
}
