namespace Mlops.Core;

/// <summary>"Did you mean" suggestions for mistyped names: the closest choice within a small edit distance.</summary>
public static class Suggestions
{
    /// <summary>The closest choice by Levenshtein distance, or null when none is within <paramref name="maxDistance"/> edits.</summary>
    public static string? Closest(string input, IEnumerable<string> choices, int maxDistance = 2) =>
        Nearest(input, choices, 1).FirstOrDefault() is { } best && Distance(input.ToLowerInvariant(), best.ToLowerInvariant()) <= maxDistance ? best : null;

    /// <summary>The <paramref name="count"/> choices nearest <paramref name="input"/> by Levenshtein distance (ignoring case), nearest first.</summary>
    public static IReadOnlyList<string> Nearest(string input, IEnumerable<string> choices, int count) =>
        [.. choices.OrderBy(c => Distance(input.ToLowerInvariant(), c.ToLowerInvariant())).Take(count)];

    /// <summary>The valid choices, plus a did-you-mean when one is close: the hint line of an error.</summary>
    public static string Hint(string kind, string input, IReadOnlyCollection<string> choices)
    {
        var closest = Closest(input, choices);
        return $"Valid {kind}: {string.Join(", ", choices)}." + (closest is null ? "" : $" Did you mean '{closest}'?");
    }

    public static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
