using System.Diagnostics;
using System.Text.Json;
using Microsoft.ML;
using Mlops.Bench.MlNet;

// Trains ML.NET's GitHubLabeler recipe on --train, predicts --test, writes {"row": i, "area": "..."} per test row to
// --predictions and prints one summary line (train and predict seconds) on stdout. Metrics are the harness's job.
try
{
    var arguments = AnchorArguments.Parse(args);
    IssueFiles.Check(arguments.Train, "--train");
    IssueFiles.Check(arguments.Test, "--test");
    var ml = new MLContext(seed: arguments.Seed);

    var clock = Stopwatch.StartNew();
    var model = Train(ml, arguments.Train);
    var trainSeconds = clock.Elapsed.TotalSeconds;

    clock.Restart();
    var test = ml.Data.LoadFromTextFile<Issue>(arguments.Test, GitHubLabelerRecipe.Loader);
    var predictions = ml.Data.CreateEnumerable<AreaPrediction>(model.Transform(test), reuseRowObject: false).Select(p => p.Area).ToList();
    var predictSeconds = clock.Elapsed.TotalSeconds;

    await using (var output = new StreamWriter(arguments.Predictions))
        for (var row = 0; row < predictions.Count; row++)
            await output.WriteLineAsync(JsonSerializer.Serialize(new { row, area = predictions[row] }));
    Console.WriteLine(JsonSerializer.Serialize(new { engine = "ML.NET 6 GitHubLabeler (SdcaMaximumEntropy)", train_s = trainSeconds, predict_s = predictSeconds, test_rows = predictions.Count }));
    return 0;
}
catch (AnchorException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return e.ExitCode;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    // A file that vanished or a --predictions folder that does not exist or cannot be written.
    Console.Error.WriteLine($"error: {e.Message}");
    return 6;
}

static ITransformer Train(MLContext ml, string path)
{
    try
    {
        return GitHubLabelerRecipe.Pipeline(ml).Fit(ml.Data.LoadFromTextFile<Issue>(path, GitHubLabelerRecipe.Loader));
    }
    catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
    {
        // ML.NET reports a file it cannot train on (one area only, an unreadable row) with these.
        throw new AnchorException($"--train '{path}': ML.NET cannot train on it: {e.Message.ReplaceLineEndings(" ")}", 3);
    }
}
