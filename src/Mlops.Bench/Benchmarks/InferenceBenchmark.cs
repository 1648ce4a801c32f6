using System.Diagnostics;
using MathNet.Numerics.Statistics;
using Mlops.Inference;

namespace Mlops.Bench.Benchmarks;

/// <summary>
/// Times an engine the way bench/torch_inference.py times the anchor: random ids of one length with every token real,
/// warm-up calls, then each of <c>calls</c> single-sentence calls timed alone, and batches for throughput.
/// </summary>
public static class InferenceBenchmark
{
    public static InferenceTiming Run(IClassifierEngine engine, int sequence, int batch, int calls, CancellationToken cancellationToken)
    {
        var random = new Random(0);
        var ids = new long[batch * sequence];
        for (var i = 0; i < ids.Length; i++) ids[i] = random.Next(1000, 30522);
        var mask = Enumerable.Repeat(1L, ids.Length).ToArray();
        var logits = new float[batch * engine.LabelCount];
        var one = new EngineInput(ids.AsMemory(0, sequence), mask.AsMemory(0, sequence), 1, sequence);
        var full = new EngineInput(ids, mask, batch, sequence);

        for (var i = 0; i < 20; i++) engine.Run(one, logits);
        var latencies = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            engine.Run(one, logits);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        for (var i = 0; i < 3; i++) engine.Run(full, logits);
        var batches = Math.Max(20, calls / 20);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < batches; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            engine.Run(full, logits);
        }
        return new InferenceTiming(calls, latencies.Quantile(0.5), latencies.Quantile(0.99), latencies.Average(),
            batch, batch * batches / clock.Elapsed.TotalSeconds);
    }
}
