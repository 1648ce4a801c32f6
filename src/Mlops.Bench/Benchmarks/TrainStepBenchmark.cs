using System.Diagnostics;
using Mlops.Data.Batching;
using Mlops.Model.Bert;
using Mlops.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mlops.Bench.Benchmarks;

/// <summary>
/// Times what <c>torch_bert.py</c> (the PyTorch-eager anchor) times, on the same shapes: a full training step
/// (forward, cross-entropy, backward, AdamW) on a fixed random batch, and inference at batch N and batch 1.
/// It goes through the same <see cref="ClassifierTask"/> and AdamW groups that training uses, without dropout as the anchor has none.
/// </summary>
public static class TrainStepBenchmark
{
    public static TrainStepTiming Run(BertConfig shape, int batch, int sequence, int steps, CancellationToken cancellationToken = default)
    {
        manual_seed(0);
        // The anchor's model has no dropout layers: turn ours off so both compute the same arithmetic.
        using var model = new BertForSequenceClassification(shape with { HiddenDropoutProb = 0, AttentionProbsDropoutProb = 0 }, 2, Pooling.Cls);
        var task = new ClassifierTask(model);
        using var optimizer = new AdamW(task.ParameterGroups(3e-5, 0.01, 1.0).Select(g => g.Group));
        var random = new Random(0);
        var ids = Enumerable.Range(0, batch * sequence).Select(_ => (long)random.Next(1000, shape.VocabSize)).ToArray();
        var tokens = new TokenBatch(ids, Enumerable.Repeat(1L, ids.Length).ToArray(),
            Enumerable.Range(0, batch).Select(_ => (long)random.Next(2)).ToArray(), batch, sequence);
        var single = new TokenBatch(ids[..sequence], tokens.AttentionMask[..sequence], tokens.Labels[..1], 1, sequence);

        void TrainStep()
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            task.TrainingStep(tokens).backward();
            optimizer.step();
        }
        void Infer(TokenBatch b)
        {
            using var scope = NewDisposeScope();
            task.PredictStep(b);
        }

        model.train();
        var trainMs = Time(TrainStep, steps, cancellationToken);
        model.eval();
        double inferBatchMs, inferOneMs;
        using (inference_mode())
        {
            inferBatchMs = Time(() => Infer(tokens), steps, cancellationToken);
            inferOneMs = Time(() => Infer(single), steps * 5, cancellationToken);
        }
        return new TrainStepTiming(trainMs, batch / trainMs * 1000, inferBatchMs, inferOneMs);
    }

    /// <summary>Three warm-up calls, then the mean milliseconds of <paramref name="steps"/> calls, as the anchor does.</summary>
    private static double Time(Action action, int steps, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 3; i++) action();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < steps; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            action();
        }
        return clock.Elapsed.TotalMilliseconds / steps;
    }
}
