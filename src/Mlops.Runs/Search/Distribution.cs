namespace Mlops.Runs.Search;

/// <summary>
/// Where one searched parameter may take its values. Samplers work on a <see cref="double"/> per parameter (a
/// categorical's is the index of its choice) and <see cref="Format"/> turns that number back into override text.
/// </summary>
public abstract record Distribution
{
    /// <summary>Throws a <see cref="Mlops.Config.ConfigException"/> naming <paramref name="name"/> when the bounds, step or choices cannot be sampled.</summary>
    public abstract void Validate(string name);

    /// <summary>A sampled value as the text of an override (<c>key=TEXT</c>) that parses back to the same value.</summary>
    public abstract string Format(double value);

    /// <summary>Whether <paramref name="value"/> is one this distribution can give (a trial's value from before the space changed may not be).</summary>
    public abstract bool Contains(double value);

    /// <summary>Whether only one value can be drawn (low equal to high, or one choice): samplers return it without drawing.</summary>
    public abstract bool IsSingle { get; }
}
