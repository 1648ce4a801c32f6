namespace Mlops.Data.Synthetic;

/// <summary>The two random draws the sentence builder and corruptor share, so both consume one seeded stream the same way.</summary>
internal static class RandomDraws
{
    /// <summary>True with the given probability (one <see cref="Random.NextDouble"/>).</summary>
    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>A uniformly drawn item (one <see cref="Random.Next(int)"/>).</summary>
    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
