using System.Globalization;
using Mlops.Data;
using Mlops.Data.Batching;
using Mlops.Data.Splits;
using Mlops.Data.Tokenization;

namespace Mlops.Workflows;

/// <summary>
/// What a training run steps through, made from the loaded splits: the training rows tokenized and batched, their texts
/// let go as they are tokenized (nothing after this reads them, and a million table rows then fit in 1 GB), and the rows
/// that select the model, kept as texts too because the reference profile for monitoring is drawn from them.
/// </summary>
public sealed record TrainingBatches(Batcher Train, Batcher Selection, IReadOnlyList<LabeledSentence> SelectionSentences, string SelectedOn)
{
    /// <summary>
    /// Carves the selection rows (<c>data.selection_split</c>) and tokenizes; <paramref name="splits"/> comes back without
    /// its training rows, which is what lets their texts be collected.
    /// </summary>
    public static TrainingBatches Make(ref DatasetSplits splits, WordPieceTokenizer tokenizer, DataOptions data, int seed)
    {
        var (owned, selection, selectedOn) = Select(splits, data, seed);
        splits = splits with { Train = [] };
        return new TrainingBatches(
            Batcher.TokenizeReleasing(owned, tokenizer, data.MaxLength, data.Batching(shuffle: true, seed)),
            Batcher.Tokenize(selection, tokenizer, data.MaxLength, data.Batching(shuffle: false, seed)),
            selection, selectedOn);
    }

    /// <summary>
    /// What trains (a list of its own, which tokenizing empties) and what selects the model: with <c>data.selection_split</c>
    /// a stratified slice of the training set selects, and the validation split is only scored at the end; without it the
    /// validation split does both. A method of its own, so no temporary of it outlives the call holding the training rows.
    /// </summary>
    private static (List<LabeledSentence> Train, IReadOnlyList<LabeledSentence> Selection, string SelectedOn) Select(
        DatasetSplits splits, DataOptions data, int seed)
    {
        if (data.SelectionSplit <= 0) return ([.. splits.Train], splits.Validation, "validation");
        var (train, selection) = SelectionSplit.Carve(splits.Train, data.SelectionSplit, seed);
        return ([.. train], selection, $"train_slice({data.SelectionSplit.ToString(CultureInfo.InvariantCulture)}, seed {seed})");
    }
}
