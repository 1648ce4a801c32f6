using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Mlops.Core;

namespace Mlops.Inference.Files;

/// <summary>
/// Writes predictions as they come, one record per input row: <c>.jsonl</c> (line, text, label, score, every label's
/// probability) or <c>.csv</c> (the same as columns, one <c>p(label)</c> column per label). A sentence pair's second
/// text follows its text (<c>text_pair</c>).
/// </summary>
public sealed class PredictionFileWriter : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> Extensions = [".jsonl", ".csv"];

    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;
    private readonly CsvWriter? _csv;
    private readonly IReadOnlyList<string> _labels;

    private readonly bool _pairs;

    private PredictionFileWriter(TextWriter writer, bool ownsWriter, IReadOnlyList<string> labels, bool csv, bool pairs)
    {
        _writer = writer;
        _ownsWriter = ownsWriter;
        _labels = labels;
        _pairs = pairs;
        if (!csv) return;
        _csv = new CsvWriter(_writer, CultureInfo.InvariantCulture, leaveOpen: true);
        string[] texts = pairs ? ["text", "text_pair"] : ["text"];
        foreach (var name in new[] { "line" }.Concat(texts).Concat(["label", "score"]).Concat(labels.Select(l => $"p({l})"))) _csv.WriteField(name);
        _csv.NextRecord();
    }

    /// <summary>Fails with a clear line before any work when <paramref name="path"/> is not a format this writes.</summary>
    public static void CheckExtension(string path) => OutputExtension.Require(path, Extensions);

    /// <summary>The writer of a .jsonl or .csv file; with <paramref name="pairs"/>, a CSV has a <c>text_pair</c> column.</summary>
    public static PredictionFileWriter Create(string path, Stream stream, IReadOnlyList<string> labels, bool pairs = false)
    {
        CheckExtension(path);
        return new PredictionFileWriter(new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true), ownsWriter: true, labels,
            Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase), pairs);
    }

    /// <summary>JSON lines into a writer the caller keeps open (standard output); a sentence pair's line has its <c>text_pair</c>.</summary>
    public static PredictionFileWriter JsonLines(TextWriter writer, IReadOnlyList<string> labels) => new(writer, ownsWriter: false, labels, csv: false, pairs: false);

    /// <summary>Hands what was written so far to the stream, so a reader at the other end of a pipe sees each chunk as it is predicted.</summary>
    public Task FlushAsync() => _csv?.FlushAsync() ?? _writer.FlushAsync();

    public async Task WriteAsync(long line, Prediction prediction)
    {
        if (_csv is not null)
        {
            _csv.WriteField(line);
            _csv.WriteField(prediction.Text);
            if (_pairs) _csv.WriteField(prediction.Pair);
            _csv.WriteField(prediction.Label);
            _csv.WriteField(prediction.Confidence.ToString("R", CultureInfo.InvariantCulture));
            foreach (var p in prediction.Probabilities) _csv.WriteField(p.ToString("R", CultureInfo.InvariantCulture));
            await _csv.NextRecordAsync();
            return;
        }
        var record = new PredictionLine(line, prediction.Text, prediction.Pair, prediction.Label, prediction.Confidence,
            _labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => prediction.Probabilities[p.i]));
        await _writer.WriteLineAsync(JsonSerializer.Serialize(record, InferenceJson.Default.PredictionLine));
    }

    public async ValueTask DisposeAsync()
    {
        if (_csv is not null) await _csv.DisposeAsync();
        await _writer.FlushAsync();
        if (_ownsWriter) await _writer.DisposeAsync();
    }
}
