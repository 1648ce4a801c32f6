using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Mlops.Core;
using Mlops.Inference;
using Mlops.Lambda;
using Mlops.Monitoring;
using Mlops.Monitoring.Drift;
using Mlops.Serving;
using Mlops.Testing;

namespace Mlops.Cli.Tests;

/// <summary>
/// A model of many labels through the whole chain, every link checked for its N labels: training's report files, the
/// export's graph, <c>mlops predict</c> on a file, the API, the Lambda handler, the events it logs, and <c>mlops monitor</c>
/// on them. Run on a generated 5-label table (<see cref="FiveLabelChainTests"/>) and on the real 22-area GitHub issues.
/// </summary>
public abstract class LabelChainTests<TModel>(TModel model) : TempDirectoryTest where TModel : ChainModel
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Asserts one probability per label of the model, in its order, summing to 1.</summary>
    private void AssertDistribution(IReadOnlyList<(string Label, double Score)> scores)
    {
        Assert.Equal(model.Labels, scores.Select(s => s.Label));
        Assert.All(scores, s => Assert.InRange(s.Score, 0, 1));
        Assert.Equal(1.0, scores.Sum(s => s.Score), 4);
    }

    [SkippableFact]
    public async Task Training_reports_every_class_and_its_surest_mistakes_and_the_export_emits_a_logit_per_label()
    {
        model.RequireData();
        using (var confusion = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(model.Run, "confusion_matrix.json"))))
        {
            var root = confusion.RootElement;
            Assert.Equal(model.Labels, root.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
            Assert.All(root.GetProperty("matrix").EnumerateArray(), row => Assert.Equal(model.Labels.Count, row.GetArrayLength()));
            var classes = root.GetProperty("classes").EnumerateArray().ToList();
            Assert.Equal(model.Labels, classes.Select(c => c.GetProperty("label").GetString()));
            // Each class's support is its row of the matrix.
            Assert.Equal(root.GetProperty("matrix").EnumerateArray().Select(row => row.EnumerateArray().Sum(c => c.GetInt32())),
                classes.Select(c => c.GetProperty("support").GetInt32()));
        }
        var mistakes = (await File.ReadAllLinesAsync(Path.Combine(model.Run, "misclassified.jsonl")))
            .Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.InRange(mistakes.Count, 1, Workflows.EvaluationReport.MistakesKept);
        Assert.All(mistakes, m =>
        {
            Assert.Contains(m.GetProperty("label").GetString(), model.Labels);
            Assert.Contains(m.GetProperty("prediction").GetString(), model.Labels);
            Assert.NotEqual(m.GetProperty("label").GetString(), m.GetProperty("prediction").GetString());
            Assert.False(string.IsNullOrWhiteSpace(m.GetProperty("text").GetString()));
        });
        var confidences = mistakes.Select(m => m.GetProperty("confidence").GetDouble()).ToList();
        Assert.Equal(confidences.OrderDescending(), confidences);
        Assert.Contains($"Per class, {model.Labels.Count} labels", model.Train.StdOut);
        foreach (var label in model.Labels) Assert.Contains(label, model.Train.StdOut);

        Assert.Contains("(passed)", model.Export.StdOut);
        using var session = new InferenceSession(Path.Combine(model.Served, ModelDirectory.OnnxFile));
        Assert.Equal(model.Labels.Count, session.OutputMetadata["logits"].Dimensions[1]);
    }

    [SkippableFact]
    public async Task Predict_on_a_file_writes_a_probability_per_label_a_row_that_sum_to_one()
    {
        model.RequireData();
        var input = Path.Combine(Dir, "in.jsonl");
        await File.WriteAllLinesAsync(input, [.. new[] { model.Text(0), model.Text(7), "something else entirely" }.Select(t => JsonSerializer.Serialize(new { sentence = t }))]);
        var output = Path.Combine(Dir, "out.jsonl");

        var predict = await MlopsProcess.RunAsync(Dir, "predict", "--model", model.Served, "--input", input, "--column", "sentence", "--output", output);

        Assert.True(predict.ExitCode == 0, predict.All);
        var rows = (await File.ReadAllLinesAsync(output)).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(3, rows.Count);
        foreach (var row in rows)
        {
            var probabilities = row.GetProperty("probabilities").EnumerateObject().Select(p => (p.Name, p.Value.GetDouble())).ToList();
            AssertDistribution(probabilities);
            Assert.Equal(probabilities.MaxBy(p => p.Item2).Name, row.GetProperty("label").GetString());
        }

        // On the console, many labels get the winner's score and the runners-up, not a column each.
        var console = await MlopsProcess.RunAsync(Dir, "predict", "--model", model.Served, model.Text(5));
        Assert.True(console.ExitCode == 0, console.All);
        Assert.Contains("next", console.StdOut);
        Assert.DoesNotContain("p(area", console.StdOut);
    }

    [SkippableFact]
    public async Task The_api_answers_a_score_for_each_label()
    {
        model.RequireData();
        var options = new ServingOptions { ModelDir = model.Served, Port = 0, Threads = 1 };
        await using var app = await ServingApp.BuildAsync(options, new MonitoringOptions { Stdout = false, LogDir = Path.Combine(Dir, "logs") });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        using var answer = JsonDocument.Parse(await http.GetStringAsync($"/predict?text={Uri.EscapeDataString(Truncated(model.Text(4), options.MaxTextCharacters))}"));

        AssertDistribution([.. answer.RootElement.EnumerateArray().Select(s => (s.GetProperty("label").GetString()!, s.GetProperty("score").GetDouble()))]);
    }

    /// <summary>A text cut to the served limit: a GitHub issue's description can be longer than a GET asks of a server.</summary>
    private static string Truncated(string text, int characters) => text.Length <= characters ? text : text[..characters];

    [SkippableFact]
    public async Task The_lambda_answers_a_score_per_label_and_monitor_replays_its_events_over_every_label()
    {
        model.RequireData();
        var logs = Path.Combine(Dir, "logs");
        var options = new ServingOptions { ModelDir = model.Served, Threads = 1, MaxTextCharacters = 20_000, MaxRequestBytes = 1 << 17 };
        await using var api = await LocalRuntimeApi.StartAsync();
        using var stop = new CancellationTokenSource();
        var function = Task.Run(() => LambdaHost.RunAsync(api.Endpoint, options, new MonitoringOptions { Stdout = false, LogDir = logs }, NullLogger.Instance, stop.Token));
        var answered = new List<string>();
        for (var i = 0; i < 250; i++)
        {
            var outcome = await api.InvokeAsync(ReplayEvents.Http(ReplayEvents.Sentence(model.Text(i))), Timeout).WaitAsync(Timeout);
            Assert.Null(outcome.Error);
            using var response = JsonDocument.Parse(outcome.Response!);
            Assert.Equal(200, response.RootElement.GetProperty("statusCode").GetInt32());
            using var body = JsonDocument.Parse(response.RootElement.GetProperty("body").GetString()!);
            var prediction = body.RootElement.GetProperty("prediction");
            var scores = prediction.GetProperty("scores").EnumerateObject().Select(p => (p.Name, p.Value.GetDouble())).ToList();
            AssertDistribution(scores);
            Assert.Equal(scores.MaxBy(s => s.Item2).Name, prediction.GetProperty("label").GetString());
            Assert.Equal(scores.Max(s => s.Item2), prediction.GetProperty("score").GetDouble(), 6);
            answered.Add(outcome.RequestId);
        }
        await stop.CancelAsync();
        Assert.Equal(0, await function);

        // One event per answer, each naming one of the labels by name and index.
        var traffic = await LoggedTraffic.ReadAsync([logs], CancellationToken.None);
        Assert.Equal(answered, traffic.Events.Select(e => e.RequestId));
        Assert.All(traffic.Events, e => Assert.Equal(model.Labels[e.LabelIndex], e.Label));

        var monitor = await MlopsProcess.RunAsync(Dir, "monitor", "--logs", logs, "--model", model.Served, "--json", "report.json", "monitoring.drift.window=250");
        Assert.True(monitor.ExitCode == 0, monitor.All);
        Assert.Contains("250 prediction events", monitor.StdOut);
        Assert.Contains("not estimated (more than two labels)", monitor.StdOut);
        var last = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Dir, "report.json"))).RootElement.GetProperty("last");
        var mix = last.GetProperty("signals").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "label_mix");
        Assert.True(double.IsFinite(mix.GetProperty("statistic").GetDouble()));
        var accuracy = last.GetProperty("estimate").GetProperty("accuracy");
        Assert.InRange(accuracy.GetProperty("value").GetDouble(), accuracy.GetProperty("lower").GetDouble(), accuracy.GetProperty("upper").GetDouble());
        Assert.InRange(accuracy.GetProperty("value").GetDouble(), 0, 1);

        // The same replay over a stream that only ever predicts the fifth label: the label mix alarms.
        var reference = await ReferenceProfile.ReadAsync(Path.Combine(model.Served, ReferenceProfile.FileName), CancellationToken.None);
        Assert.Equal(model.Labels, reference.Labels);
        var collapsed = await MonitorCommandTests.WriteLogAsync(Path.Combine(Dir, "collapsed.jsonl"), reference, 250,
            i => (4, reference.Confidence[i % reference.Confidence.Count], (int)reference.Tokens[i % reference.Tokens.Count]));
        var alarm = await MlopsProcess.RunAsync(Dir, "monitor", "--logs", collapsed, "--model", model.Served, "--json", "collapsed.json", "monitoring.drift.window=250");
        Assert.True(alarm.ExitCode == 0, alarm.All);
        var signals = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Dir, "collapsed.json"))).RootElement.GetProperty("last").GetProperty("signals");
        Assert.True(signals.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "label_mix").GetProperty("drifted").GetBoolean(), alarm.StdOut);
    }
}
