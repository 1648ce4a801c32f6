namespace Mlops.Data.Synthetic;

/// <summary>Writes a <see cref="SyntheticSentence"/> out as lowercase text with a final period, honouring its corruptions.</summary>
internal static class SentenceWriter
{
    public static string Write(SyntheticSentence sentence)
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
