using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mlops.Core;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>The <c>--json FILE</c> option of the benchmarks that compare against an anchor, and the one way they write it.</summary>
public class JsonResultSettings : CommandSettings
{
    [CommandOption("--json <FILE>"), Description("Also write the results as JSON.")] public string? Json { get; init; }

    /// <summary>Writes <paramref name="results"/> (indented, atomically) when <c>--json</c> was given.</summary>
    public Task WriteJsonAsync(JsonArray results, CancellationToken cancellationToken) => Json is null
        ? Task.CompletedTask
        : AtomicFile.WriteAllTextAsync(Json, results.ToJsonString(ReadableJson.Indented()), cancellationToken);
}
