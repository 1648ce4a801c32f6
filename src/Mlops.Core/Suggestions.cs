namespace Mlops.Core;

/// <summary>"Did you mean" suggestions for mistyped names: the closest choice within a small edit distance.</summary>
public static class Suggestions
{
    /// <summary>The closest choice by Levenshtein distance, or null when none is within <paramref name="maxDistance"/> edits.</summary>
    public static string? Closest(string input, IEnumerable<string> choices, int maxDistance = 2)
    {
        var best = choices.Select(c => (Choice: c, Distance: Distance(input.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(c => c.Distance).FirstOrDefault();
        return best.Choice is not null && best.Distance <= maxDistance ? best.Choice : null;
    }

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
