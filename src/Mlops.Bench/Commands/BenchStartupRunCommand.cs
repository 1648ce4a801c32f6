using System.Diagnostics;
using System.Text.Json;
using Mlops.Core;
using Mlops.Data;
using Mlops.Data.Synthetic;
using Mlops.Data.Tokenization;
using Mlops.Model;
using Mlops.Model.Weights;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench startup-run</c> (used by <c>bench startup</c>): what a user waits for before the first training step,
/// each part timed cold (first call, JIT included) and warm: generating the synthetic set, tokenizing it, and reading
/// the embedded MiniLM weights. Prints one JSON line.
/// </summary>
public sealed class BenchStartupRunCommand : AsyncCommand<EmptyCommandSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, object> { ["engine"] = $"mlops (.NET {Environment.Version})" };
        async Task<T> TimeAsync<T>(string name, Func<Task<T>> work)
        {
            var clock = Stopwatch.StartNew();
            var value = await work();
            results[$"{name}_cold_ms"] = Math.Round(clock.Elapsed.TotalMilliseconds, 1);
            clock.Restart();
            value = await work();
            results[$"{name}_warm_ms"] = Math.Round(clock.Elapsed.TotalMilliseconds, 1);
            return value;
        }
        var splits = await TimeAsync("synthetic_generate", () => new SyntheticAcceptabilitySource().LoadAsync(cancellationToken));
        var tokenizer = WordPieceTokenizer.FromText(EmbeddedMiniLm.ReadVocab(), "embedded BERT vocabulary");
        IReadOnlyList<LabeledSentence> all = [.. splits.Train, .. splits.Validation];
        await TimeAsync("tokenize", () => Task.FromResult(all.Select(s => tokenizer.Encode(s.Text, 128).Length).Sum()));
        await TimeAsync("minilm_weights_read", () =>
        {
            using var stream = EmbeddedMiniLm.OpenOnnx();
            var weights = MiniLmOnnxWeights.Read(stream);
            foreach (var tensor in weights.Values) tensor.Dispose();
            return Task.FromResult(weights.Count);
        });
        results["sentences"] = all.Count;
        Console.WriteLine(JsonSerializer.Serialize(results));
        return ExitCodes.Success;
    }
}
