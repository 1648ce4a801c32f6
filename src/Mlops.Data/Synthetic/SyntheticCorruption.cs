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
