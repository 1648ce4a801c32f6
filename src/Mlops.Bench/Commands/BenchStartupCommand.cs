using Mlops.Core;
using Mlops.Core.Processes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench startup</c>: the set-up a run pays before its first step (synthetic data, tokenizing, the embedded
/// MiniLM weights), measured in its own process with its peak RSS. It has no anchor: the course downloads its data
/// and weights instead, which no machine here can do.
/// </summary>
public sealed class BenchStartupCommand : AsyncCommand<EmptyCommandSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
    {
        var (self, prefix) = ChildProcess.Self();
        var run = await Measurement.RunAsync(self, [.. prefix, "bench", "startup-run"], cancellationToken);
        var table = new Table().Title($"Before the first step ({run.Json["sentences"]} synthetic sentences), one process")
            .AddColumns("part", "cold ms (JIT included)", "warm ms");
        foreach (var (part, key) in new[] { ("generate the synthetic set", "synthetic_generate"), ("tokenize it (WordPiece)", "tokenize"),
                     ("read the embedded MiniLM weights", "minilm_weights_read") })
            table.AddRow(part, $"{run.Json[$"{key}_cold_ms"]}", $"{run.Json[$"{key}_warm_ms"]}");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"Process wall {run.WallSeconds:F2} s, peak RSS {run.PeakRssMb:F0} MB.");
        return ExitCodes.Success;
    }
}
