using Mlops.Core;

namespace Mlops.Data.Hub;

/// <summary>
/// The GLUE tasks by name (<c>data=glue data.task=mrpc</c>): each is a subset of <c>nyu-mll/glue</c> whose text and pair
/// columns and validation split are known, so a user names the task rather than its columns. The tasks mlops cannot
/// train are refused with the reason: stsb (a regression score), ax (an unlabelled test set), and MNLI's
/// validation-only subsets.
/// </summary>
/// <param name="Name">The task, which is also its subset of nyu-mll/glue.</param>
/// <param name="Text">The column of the (first) text.</param>
/// <param name="Pair">The column of the second text of a sentence-pair task; null for a single text.</param>
/// <param name="Validation">The split GLUE reports the task's dev score on.</param>
public sealed record GlueTask(string Name, string Text, string? Pair, string Validation)
{
    public const string DatasetName = "glue";
    public const string Repo = "nyu-mll/glue";
    public const string LabelColumn = "label";

    public static IReadOnlyList<GlueTask> All { get; } =
    [
        new("cola", "sentence", null, "validation"),
        new("sst2", "sentence", null, "validation"),
        new("mrpc", "sentence1", "sentence2", "validation"),
        new("qqp", "question1", "question2", "validation"),
        new("mnli", "premise", "hypothesis", "validation_matched"),
        new("qnli", "question", "sentence", "validation"),
        new("rte", "sentence1", "sentence2", "validation"),
        new("wnli", "sentence1", "sentence2", "validation"),
    ];

    private static readonly Dictionary<string, string> Untrainable = new(StringComparer.Ordinal)
    {
        ["stsb"] = "'stsb' is GLUE's regression task (a similarity score from 0 to 5), and mlops trains classifiers",
        ["ax"] = "'ax' is GLUE's diagnostic set: one unlabelled test split, scored with a model trained on mnli",
        ["mnli_matched"] = "'mnli_matched' holds only MNLI's validation and test splits: data.task=mnli trains on MNLI and validates on validation_matched",
        ["mnli_mismatched"] = "'mnli_mismatched' holds only MNLI's validation and test splits: data.task=mnli data.validation=validation_mismatched validates on them",
    };

    /// <summary>What is wrong with the task name <paramref name="task"/> (one line: the problem, then the tasks); null for a task mlops trains.</summary>
    public static string? Problem(string task)
    {
        var (message, hint) = Diagnose(task);
        return message is null ? null : $"{message} {hint}";
    }

    /// <summary>The task named <paramref name="task"/> (any case); an unknown or untrainable one is a <see cref="DataException"/>.</summary>
    public static GlueTask Find(string? task)
    {
        if (string.IsNullOrWhiteSpace(task))
            throw new DataException("The 'glue' dataset needs data.task.", Suggestions.Hint("GLUE tasks", "", Names));
        var (message, hint) = Diagnose(task);
        if (message is not null) throw new DataException(message, hint);
        return All.First(t => t.Name == task.Trim().ToLowerInvariant());
    }

    /// <summary>The hub dataset this task is: <paramref name="data"/>'s batching and offline keys, the task's repository, subset, columns and splits.</summary>
    public DataOptions Apply(DataOptions data) => data with
    {
        Repo = Repo,
        Subset = Name,
        Text = [Text],
        Pair = Pair,
        Label = LabelColumn,
        Labels = null,
        Train = "train",
        Validation = data.Validation ?? Validation,
    };

    private static IReadOnlyCollection<string> Names => [.. All.Select(t => t.Name)];

    private static (string? Message, string Hint) Diagnose(string task)
    {
        var name = task.Trim().ToLowerInvariant();
        if (All.Any(t => t.Name == name)) return (null, "");
        var hint = Suggestions.Hint("GLUE tasks", task, Names);
        return Untrainable.TryGetValue(name, out var reason) ? ($"{reason}.", hint) : ($"'{task}' is not a GLUE task.", hint);
    }
}
