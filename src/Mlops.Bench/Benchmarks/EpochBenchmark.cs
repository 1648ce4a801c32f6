using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Data;
using Mlops.Data.Batching;
using Mlops.Data.Tokenization;
using Mlops.Model;
using Mlops.Model.Bert;
using Mlops.Training;

namespace Mlops.Bench.Benchmarks;

/// <summary>
/// One whole training epoch over a real dataset through the real <see cref="Trainer"/>: tokenizing,
/// length-bucketed batches padded per batch, AdamW steps, and the epoch-end validation. This is what a
/// user waits for, measured against the course's recipe of padding every sentence to 128 tokens.
/// </summary>
public static class EpochBenchmark
{
    public static async Task<EpochTiming> RunAsync(IDatasetSource dataset, BertConfig shape, int batch, int maxLength, bool bucket,
        CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var splits = await dataset.LoadAsync(cancellationToken);
        var tokenizer = WordPieceTokenizer.FromText(EmbeddedMiniLm.ReadVocab(), "embedded BERT vocabulary");
        Batcher Batches(IReadOnlyList<LabeledSentence> sentences, bool shuffle) =>
            Batcher.Tokenize(sentences, tokenizer, maxLength, new BatchingOptions { BatchSize = batch, Shuffle = shuffle, BucketByLength = bucket });
        var train = Batches(splits.Train, true);
        var validation = Batches(splits.Validation, false);
        var prepare = clock.Elapsed;

        TorchSharp.torch.manual_seed(0);
        using var model = new BertForSequenceClassification(shape with { VocabSize = tokenizer.VocabSize }, splits.LabelNames.Count, Pooling.Cls);
        var trainer = new Trainer(new TrainerOptions { MaxEpochs = 1, LearningRate = 1e-4, Patience = 0 }, [], NullLogger.Instance);
        var fit = await trainer.FitAsync(new ClassifierTask(model), train, validation, null, false, cancellationToken);
        var total = clock.Elapsed;
        long padded = 0, real = 0;
        foreach (var b in train.Epoch(0)) (padded, real) = (padded + (long)b.Rows * b.Columns, real + b.RealTokens);
        return new EpochTiming(total.TotalSeconds, prepare.TotalSeconds, fit.Elapsed.TotalSeconds, fit.GlobalStep, splits.Train.Count,
            real / (double)splits.Train.Count, padded / (double)splits.Train.Count, fit.LastMetrics.GetValueOrDefault("val_accuracy"));
    }
}
