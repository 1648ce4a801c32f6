using Mlops.Data.Batching;
using Mlops.Metrics;
using static TorchSharp.torch;

namespace Mlops.Training;

/// <summary>
/// Runs a classifier over batches without gradients and accumulates a fresh confusion matrix and the
/// mean loss. Each call owns its own metric state, so training and validation never share it.
/// </summary>
public static class Evaluator
{
    /// <summary>Every key <see cref="Validate"/> reports: what <c>training.monitor</c> can select on.</summary>
    public static IReadOnlyList<string> MetricKeys { get; } = [.. ClassificationMetrics.Names.Select(name => "val_" + name), "val_loss"];

    /// <summary>One validation pass as the trainer reports it: <c>val_</c>-prefixed metrics plus <c>val_loss</c>.</summary>
    public static ValidationResult Validate(ClassifierTask task, Batcher validation, int limitBatches, int epoch, int globalStep,
        CancellationToken cancellationToken = default)
    {
        var (confusion, loss) = Evaluate(task, validation.Epoch(0), limitBatches, cancellationToken);
        var metrics = new Dictionary<string, double>(ClassificationMetrics.From(confusion).ToDictionary("val_")) { ["val_loss"] = loss };
        return new ValidationResult(epoch, globalStep, metrics, confusion);
    }

    public static (ConfusionMatrix Confusion, double Loss) Evaluate(ClassifierTask task, IEnumerable<TokenBatch> batches, int limitBatches = 0,
        CancellationToken cancellationToken = default)
    {
        var confusion = new ConfusionMatrix(task.Model.NumLabels);
        double lossSum = 0;
        var seen = 0;
        var wasTraining = task.Model.training;
        task.Model.eval();
        try
        {
            var count = 0;
            foreach (var batch in batches)
            {
                if (limitBatches > 0 && count++ >= limitBatches) break;
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var logits = task.PredictStep(batch);
                var labels = tensor(batch.Labels);
                lossSum += nn.functional.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).item<float>();
                var predicted = logits.argmax(1).data<long>().ToArray();
                for (var i = 0; i < predicted.Length; i++) confusion.Add((int)batch.Labels[i], (int)predicted[i]);
                seen += batch.Rows;
            }
        }
        finally
        {
            task.Model.train(wasTraining);
        }
        return (confusion, seen == 0 ? 0 : lossSum / seen);
    }
}
