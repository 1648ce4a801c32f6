using Mlops.Config.Tree;
using Mlops.Core;

namespace Mlops.Runs;

/// <summary>
/// Compares a run's saved config with the one <c>--resume</c> would use: changes that would silently make it a
/// different run (model shape, data, batch size, seed, learning-rate schedule...) are refused, naming the keys;
/// the few that are safe pass, and extending <c>training.max_epochs</c> says what it does to the schedule.
/// </summary>
public static class ResumeGuard
{
    /// <summary>Keys (or whole sections) a resumed run may change: where the data is read from, threads, patience, tracking, serving.</summary>
    private static readonly string[] Changeable = ["data.dir", "data.offline", "training.threads", "training.patience", "tracking", "serving"];

    private const string MaxEpochs = "training.max_epochs";

    /// <summary>Throws when <paramref name="resumed"/> changes a key that breaks the run; returns notes to print otherwise.</summary>
    public static IReadOnlyList<string> Check(string run, ConfigMap saved, ConfigMap resumed)
    {
        var before = ConfigPath.Leaves(saved);
        var after = ConfigPath.Leaves(resumed);
        var changed = before.Keys.Union(after.Keys)
            .Where(key => before.GetValueOrDefault(key) != after.GetValueOrDefault(key))
            .Where(key => !Changeable.Any(allowed => key == allowed || key.StartsWith(allowed + ".")))
            .ToList();
        var notes = new List<string>();
        if (changed.Remove(MaxEpochs))
        {
            var (from, to) = (int.Parse(before[MaxEpochs]!), int.Parse(after[MaxEpochs]!));
            if (to < from)
                throw new MlopsException($"--resume {run}: {MaxEpochs} can only grow on resume ({from} -> {to}).",
                    $"Resume with {MaxEpochs}={from} or more, or start a new run from its config: mlops train --config-from {run} {MaxEpochs}={to}");
            notes.Add($"{MaxEpochs} {from} -> {to}: the learning-rate schedule is stretched to {to} epochs, so warm-up and the linear decay " +
                      $"are recomputed for the new total; the rate rises from where the {from}-epoch schedule had it and now reaches 0 at the end of epoch {to}.");
        }
        if (changed.Count > 0)
            throw new MlopsException(
                $"--resume {run} would change {string.Join(", ", changed.Select(k => $"{k} ({Show(before, k)} -> {Show(after, k)})"))}: " +
                "a resumed run keeps the settings it was started with.",
                $"Drop those overrides to continue the run (only {string.Join(", ", Changeable)} and a larger {MaxEpochs} may change), " +
                $"or start a new run with them: mlops train --config-from {run} <overrides>", ExitCodes.ConfigError);
        return notes;
    }

    private static string Show(IReadOnlyDictionary<string, string?> leaves, string key) =>
        leaves.TryGetValue(key, out var value) ? value ?? "null" : "absent";
}
