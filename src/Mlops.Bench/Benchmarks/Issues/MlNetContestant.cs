using System.Globalization;
using System.Text.Json;
using Mlops.Core;
using Mlops.Core.Processes;

namespace Mlops.Bench.Benchmarks.Issues;

/// <summary>
/// The anchor of <c>mlops bench issues</c>: ML.NET's GitHubLabeler recipe, the program <c>bench/Mlops.Bench.MlNet</c>,
/// run as its own process on the seed's files; it writes <c>{"row": i, "area": "..."}</c> per test row to a file and
/// prints its train and predict seconds as its last line.
/// </summary>
public sealed class MlNetContestant(string program) : IIssueContestant
{
    public const string ProjectPath = "bench/Mlops.Bench.MlNet/Mlops.Bench.MlNet.csproj";

    public string Id => "mlnet";

    public string Title => "ML.NET 6 GitHubLabeler (SdcaMaximumEntropy)";

    /// <summary>
    /// The anchor at <paramref name="program"/> (a built <c>Mlops.Bench.MlNet.dll</c>), or, when null, the checkout's
    /// <see cref="ProjectPath"/> built in Release into <paramref name="folder"/> (once, before anything is timed).
    /// </summary>
    public static async Task<MlNetContestant> LocateAsync(string? program, string folder, CancellationToken cancellationToken)
    {
        if (program is not null)
            return File.Exists(program) ? new MlNetContestant(Path.GetFullPath(program))
                : throw new MlopsException($"The ML.NET anchor '{program}' does not exist.", $"Pass --anchor with a built Mlops.Bench.MlNet.dll, or leave it out to build {ProjectPath}.");
        var project = AnchorLocator.FindUp(ProjectPath)
            ?? throw new MlopsException($"Cannot find {ProjectPath} above the working directory.", "Run from the checkout, or pass --anchor <DLL>.");
        var build = await ChildProcess.RunAsync(Dotnet, ["build", project, "-c", "Release", "-o", folder, "--nologo", "-v", "quiet"], cancellationToken);
        if (build.ExitCode != 0)
            throw new MlopsException($"Building {project} failed (exit {build.ExitCode}): {build.StdOutTail.Trim().Split('\n').LastOrDefault(l => l.Contains("error", StringComparison.Ordinal))}",
                $"Build it yourself (dotnet build {ProjectPath}) to see why.");
        return new MlNetContestant(Path.Combine(folder, "Mlops.Bench.MlNet.dll"));
    }

    public async Task<ContestantRun> RunAsync(ContestFiles files, int seed, CancellationToken cancellationToken)
    {
        var predictions = Path.Combine(files.Folder, "mlnet-predictions.jsonl");
        var run = await Measurement.RunAsync(Dotnet, [program, "--train", files.Train, "--test", files.Test, "--predictions", predictions,
            "--seed", seed.ToString(CultureInfo.InvariantCulture)], cancellationToken);
        return new ContestantRun(await ReadPredictionsAsync(predictions, cancellationToken),
            run.Json["train_s"]!.GetValue<double>(), run.Json["predict_s"]!.GetValue<double>(), run.WallSeconds, run.PeakRssMb);
    }

    private static async Task<IReadOnlyList<string>> ReadPredictionsAsync(string path, CancellationToken cancellationToken)
    {
        var areas = new List<string>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            var prediction = JsonSerializer.Deserialize<AnchorPrediction>(line)!;
            if (prediction.Row != areas.Count)
                throw new MlopsException($"The ML.NET anchor's '{path}' has row {prediction.Row} where row {areas.Count} belongs.");
            areas.Add(prediction.Area);
        }
        return areas;
    }

    /// <summary>The .NET host that runs the anchor: the one running this program when it runs through it, else <c>dotnet</c> on the PATH.</summary>
    private static string Dotnet => Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    private sealed record AnchorPrediction([property: System.Text.Json.Serialization.JsonPropertyName("row")] int Row,
        [property: System.Text.Json.Serialization.JsonPropertyName("area")] string Area);
}
