using System.Globalization;
using System.Net.Http.Json;
using Mlops.Data;

namespace Mlops.Cli.Demo;

/// <summary>
/// The traffic <c>mlops demo</c> replays against the serving host: first sentences like the ones the model was
/// validated on (its own validation split), then a drifted stream - long runs of words its vocabulary never saw - the
/// shape of a product change that sends text the model was not trained for.
/// </summary>
public static class DemoTraffic
{
    private const int BatchSize = 16;

    /// <summary><paramref name="count"/> validation examples, cycled when the split is smaller.</summary>
    public static IReadOnlyList<LabeledSentence> Normal(IReadOnlyList<LabeledSentence> validation, int count) =>
        validation.Count == 0 ? [] : [.. Enumerable.Range(0, count).Select(i => validation[i % validation.Count])];

    /// <summary><paramref name="count"/> sentences of 30 unseen words each (with a second text of the same kind for a pair model).</summary>
    public static IReadOnlyList<LabeledSentence> Drifted(int count, bool pairs) =>
        [.. Enumerable.Range(0, count).Select(i => new LabeledSentence(Gibberish(i, 0), 0, pairs ? Gibberish(i, 1) : null))];

    /// <summary>Posts <paramref name="examples"/> to <c>POST /v1/predict</c> in small batches; the count of predictions answered.</summary>
    public static async Task<int> SendAsync(HttpClient http, string baseUrl, IReadOnlyList<LabeledSentence> examples, CancellationToken cancellationToken)
    {
        var answered = 0;
        foreach (var batch in examples.Chunk(BatchSize))
        {
            object body = batch[0].Pair is null
                ? new { texts = batch.Select(e => e.Text) }
                : new { texts = batch.Select(e => e.Text), text_pairs = batch.Select(e => e.Pair) };
            using var response = await http.PostAsJsonAsync($"{baseUrl}/v1/predict", body, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"POST /v1/predict answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            answered += batch.Length;
        }
        return answered;
    }

    /// <summary>
    /// The serving host's drift gauges from <c>/metrics</c>: whether any signal drifted, and which did
    /// (<c>mlops_drift_detected{signal=...} 1</c>).
    /// </summary>
    public static async Task<(bool Drift, IReadOnlyList<string> Signals)> DriftAsync(HttpClient http, string baseUrl, CancellationToken cancellationToken)
    {
        var metrics = await http.GetStringAsync($"{baseUrl}/metrics", cancellationToken);
        var drifted = metrics.Split('\n')
            .Where(l => l.StartsWith("mlops_drift_detected{", StringComparison.Ordinal))
            .Select(l => (Signal: l[(l.IndexOf("signal=\"", StringComparison.Ordinal) + 8)..].Split('"')[0], Value: double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)))
            .Where(s => s.Value == 1)
            .Select(s => s.Signal)
            .ToList();
        return (drifted.Contains("any"), drifted.Where(s => s != "any").ToList());
    }

    private static string Gibberish(int sentence, int part) =>
        string.Join(' ', Enumerable.Range(0, 30).Select(word => $"zq{sentence}x{part}w{word}"));
}
