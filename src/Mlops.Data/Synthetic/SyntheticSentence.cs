namespace Mlops.Data.Synthetic;

/// <summary>A generated sentence as structure, so it can be corrupted in a controlled way before <see cref="SentenceWriter"/> writes it out.</summary>
internal sealed class SyntheticSentence
{
    public required NounPhrase Subject { get; init; }

    public required VerbPhrase Predicate { get; init; }

    /// <summary>"sleeps the dog."</summary>
    public bool VerbFirst { get; set; }
}

/// <summary>The order of determiner, adjective and noun in a <see cref="NounPhrase"/>, so word-order corruptions can swap them.</summary>
internal enum NounOrder
{
    Normal,

    /// <summary>"dog the"</summary>
    NounBeforeDeterminer,

    /// <summary>"the dog big"</summary>
    AdjectiveAfterNoun,
}

/// <summary>A name or "determiner [adjective] noun" with an optional place phrase or relative clause, the subject or an object of a sentence.</summary>
internal sealed class NounPhrase
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

/// <summary>A place phrase such as "near the old barn", which a word-order corruption can invert.</summary>
internal sealed class PrepositionalPhrase
{
    public required string Preposition { get; init; }

    public required NounPhrase Object { get; init; }

    /// <summary>"the garden in"</summary>
    public bool Inverted { get; set; }
}

/// <summary>A verb with its adverbs, arguments and place phrase: the predicate of a sentence or a relative clause.</summary>
internal sealed class VerbPhrase
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
