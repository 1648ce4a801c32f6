using System.Buffers;
using System.Text;
using System.Text.Json;
using Mlops.Monitoring.Events;
using Serilog.Events;
using Serilog.Formatting;

namespace Mlops.Monitoring.Logging;

/// <summary>
/// Serilog's side of the prediction log: renders an event carrying a <see cref="PredictionEvent"/> (property
/// <see cref="Property"/>) as one ECS JSON line, for every sink alike (stdout, rolling files). The JSON writer and its
/// buffers are reused from line to line (per thread), so a line costs its bytes and no garbage.
/// </summary>
public sealed class EcsPredictionFormatter : ITextFormatter
{
    public const string Property = "Prediction";

    [ThreadStatic] private static LineBuffers? _buffers;

    public void Format(LogEvent logEvent, TextWriter output)
    {
        if (!logEvent.Properties.TryGetValue(Property, out var value) || value is not ScalarValue { Value: PredictionEvent prediction }) return;
        var buffers = _buffers ??= new LineBuffers();
        buffers.Bytes.ResetWrittenCount();
        buffers.Json.Reset(buffers.Bytes);
        EcsDocument.Write(buffers.Json, prediction);
        buffers.Json.Flush();
        var bytes = buffers.Bytes.WrittenSpan;
        if (buffers.Chars.Length < bytes.Length + 1) buffers.Chars = new char[Math.Max(bytes.Length + 1, buffers.Chars.Length * 2)];
        var length = Encoding.UTF8.GetChars(bytes, buffers.Chars);
        buffers.Chars[length] = '\n';
        // One write per line: a line never interleaves with another writer's on the same stream.
        output.Write(buffers.Chars, 0, length + 1);
    }

    private sealed class LineBuffers
    {
        public ArrayBufferWriter<byte> Bytes { get; } = new(1024);
        public Utf8JsonWriter Json { get; }
        public char[] Chars { get; set; } = new char[1024];

        public LineBuffers() => Json = new Utf8JsonWriter(Bytes);
    }
}
