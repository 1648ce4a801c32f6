namespace Mlops.Data.Synthetic;

/// <summary>What a transitive verb takes as its object, so generated sentences stay sensible.</summary>
internal enum ObjectKind
{
    Any,
    Person,
    Thing,
}

internal enum VerbFrame
{
    Intransitive,
    Transitive,
    Ditransitive,
}

internal sealed record Noun(string Singular, string Plural);

/// <param name="Plural">Present tense, plural subject ("sleep").</param>
/// <param name="Singular">Present tense, third person singular subject ("sleeps").</param>
/// <param name="Past">Past tense, any subject ("slept").</param>
/// <param name="Frame">The arguments the verb takes.</param>
/// <param name="Object">Transitive only: what its object may be.</param>
/// <param name="ThemeRequired">Ditransitive only: dropping the theme ("handed to john") is ungrammatical.</param>
/// <param name="RecipientRequired">Ditransitive only: dropping the recipient ("handed the book") is ungrammatical.</param>
internal sealed record Verb(
    string Plural,
    string Singular,
    string Past,
    VerbFrame Frame,
    ObjectKind Object = ObjectKind.Any,
    bool ThemeRequired = false,
    bool RecipientRequired = false);

internal sealed record Adjective(string Word, bool ForPeople, bool ForThings);

internal sealed record Determiner(string Word, bool Singular, bool Plural);

/// <summary>
/// The closed word lists of the synthetic grammar. Every word belongs to exactly one category and
/// every verb has three distinct forms, so a word's form fixes its part of speech and agreement
/// (<see cref="SyntheticGrammar"/> checks this when it starts). Verbs are chosen so that English
/// agrees with the grammar about what is wrong: the transitive ones cannot drop their object
/// ("the boy admires."), the intransitive ones cannot take an object ("the dog sneezes the cat.").
/// Arrays, not hash sets: generation walks them by index, so a seed gives the same sentences everywhere.
/// </summary>
internal static class SyntheticLexicon
{
    public static readonly Determiner[] Determiners =
    [
        new("the", true, true),
        new("a", true, false),
        new("this", true, false),
        new("every", true, false),
        new("my", true, true),
        new("these", false, true),
        new("those", false, true),
        new("some", false, true),
        new("many", false, true),
    ];

    /// <summary>Written instead of "a" before a vowel; the grammar treats it as "a".</summary>
    public const string An = "an";

    public static readonly Noun[] People =
    [
        new("dog", "dogs"),
        new("cat", "cats"),
        new("bird", "birds"),
        new("horse", "horses"),
        new("boy", "boys"),
        new("girl", "girls"),
        new("man", "men"),
        new("woman", "women"),
        new("child", "children"),
        new("teacher", "teachers"),
        new("student", "students"),
        new("farmer", "farmers"),
        new("doctor", "doctors"),
        new("artist", "artists"),
        new("baker", "bakers"),
    ];

    public static readonly Noun[] Things =
    [
        new("book", "books"),
        new("letter", "letters"),
        new("ball", "balls"),
        new("apple", "apples"),
        new("cake", "cakes"),
        new("key", "keys"),
        new("picture", "pictures"),
        new("box", "boxes"),
        new("toy", "toys"),
        new("hat", "hats"),
        new("umbrella", "umbrellas"),
        new("map", "maps"),
        new("cup", "cups"),
    ];

    /// <summary>Objects of locative prepositions ("in the garden"); generated in the singular.</summary>
    public static readonly Noun[] Places =
    [
        new("garden", "gardens"),
        new("park", "parks"),
        new("house", "houses"),
        new("kitchen", "kitchens"),
        new("library", "libraries"),
        new("barn", "barns"),
        new("school", "schools"),
        new("yard", "yards"),
        new("station", "stations"),
        new("office", "offices"),
    ];

    /// <summary>Proper names: singular, no determiner.</summary>
    public static readonly string[] Names =
        ["mary", "john", "susan", "peter", "anna", "david", "emma", "paul", "sarah", "tom", "lucy", "james"];

    public static readonly Adjective[] Adjectives =
    [
        new("big", true, true),
        new("small", true, true),
        new("old", true, true),
        new("little", true, true),
        new("happy", true, false),
        new("young", true, false),
        new("clever", true, false),
        new("lazy", true, false),
        new("tired", true, false),
        new("tall", true, false),
        new("angry", true, false),
        new("red", false, true),
        new("new", false, true),
        new("heavy", false, true),
        new("shiny", false, true),
        new("expensive", false, true),
    ];

    /// <summary>Adjectives that suit a place ("the old barn").</summary>
    public static readonly string[] PlaceAdjectives = ["big", "small", "old", "new"];

    public static readonly Verb[] Intransitive =
    [
        new("sleep", "sleeps", "slept", VerbFrame.Intransitive),
        new("arrive", "arrives", "arrived", VerbFrame.Intransitive),
        new("laugh", "laughs", "laughed", VerbFrame.Intransitive),
        new("smile", "smiles", "smiled", VerbFrame.Intransitive),
        new("sneeze", "sneezes", "sneezed", VerbFrame.Intransitive),
        new("yawn", "yawns", "yawned", VerbFrame.Intransitive),
        new("snore", "snores", "snored", VerbFrame.Intransitive),
        new("cry", "cries", "cried", VerbFrame.Intransitive),
        new("vanish", "vanishes", "vanished", VerbFrame.Intransitive),
        new("giggle", "giggles", "giggled", VerbFrame.Intransitive),
        new("cough", "coughs", "coughed", VerbFrame.Intransitive),
    ];

    public static readonly Verb[] Transitive =
    [
        new("like", "likes", "liked", VerbFrame.Transitive),
        new("admire", "admires", "admired", VerbFrame.Transitive),
        new("find", "finds", "found", VerbFrame.Transitive),
        new("describe", "describes", "described", VerbFrame.Transitive),
        new("mention", "mentions", "mentioned", VerbFrame.Transitive),
        new("need", "needs", "needed", VerbFrame.Transitive),
        new("enjoy", "enjoys", "enjoyed", VerbFrame.Transitive, ObjectKind.Thing),
        new("own", "owns", "owned", VerbFrame.Transitive, ObjectKind.Thing),
        new("devour", "devours", "devoured", VerbFrame.Transitive, ObjectKind.Thing),
        new("praise", "praises", "praised", VerbFrame.Transitive, ObjectKind.Person),
        new("resemble", "resembles", "resembled", VerbFrame.Transitive, ObjectKind.Person),
    ];

    /// <summary>"mary gave the book to john" / "mary gave john the book": a thing (theme) to a person (recipient).</summary>
    public static readonly Verb[] Ditransitive =
    [
        new("give", "gives", "gave", VerbFrame.Ditransitive),
        new("hand", "hands", "handed", VerbFrame.Ditransitive, ThemeRequired: true, RecipientRequired: true),
        new("send", "sends", "sent", VerbFrame.Ditransitive),
        new("offer", "offers", "offered", VerbFrame.Ditransitive),
        new("show", "shows", "showed", VerbFrame.Ditransitive, ThemeRequired: true),
        new("bring", "brings", "brought", VerbFrame.Ditransitive, ThemeRequired: true),
        new("lend", "lends", "lent", VerbFrame.Ditransitive),
        new("sell", "sells", "sold", VerbFrame.Ditransitive),
        new("throw", "throws", "threw", VerbFrame.Ditransitive),
    ];

    /// <summary>Frequency adverbs, placed before the verb ("the dog often sleeps").</summary>
    public static readonly string[] PreVerbAdverbs = ["often", "always", "rarely", "sometimes", "usually", "never"];

    /// <summary>Manner adverbs, placed after the verb and its objects ("the dog sleeps quietly").</summary>
    public static readonly string[] PostVerbAdverbs = ["quietly", "happily", "quickly", "slowly", "loudly", "again"];

    /// <summary>Locative prepositions for places ("near the barn"). "to" is kept apart: it marks the recipient.</summary>
    public static readonly string[] Prepositions = ["in", "near", "behind", "beside", "outside"];

    public const string RecipientMarker = "to";

    /// <summary>Relative pronouns: "who" after people, "that" after things.</summary>
    public const string Who = "who";

    public const string That = "that";
}
