using System.Text;
using Mlops.Monitoring.Events;
using Serilog.Events;
using Serilog.Formatting;

namespace Mlops.Monitoring.Logging;

/// <summary>
/// Serilog's text side of the prediction log: renders an event carrying a <see cref="PredictionEvent"/> (property
/// <see cref="Property"/>) as one ECS JSON line onto a <see cref="TextWriter"/> (stdout). The line and its characters
/// are rendered into buffers reused from line to line (per thread).
/// </summary>
public sealed class EcsPredictionFormatter : ITextFormatter
{
    public const string Property = "Prediction";

    [ThreadStatic] private static EcsLine? _line;
    [ThreadStatic] private static char[]? _chars;

    /// <summary>The prediction an event carries, or null for any other event.</summary>
    public static PredictionEvent? PredictionOf(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue(Property, out var value) && value is ScalarValue { Value: PredictionEvent prediction } ? prediction : null;

    public void Format(LogEvent logEvent, TextWriter output)
    {
        if (PredictionOf(logEvent) is not { } prediction) return;
        var bytes = (_line ??= new EcsLine()).Render(prediction);
        var chars = _chars is { } buffer && buffer.Length >= bytes.Length ? buffer : _chars = new char[Math.Max(bytes.Length, 2048)];
        var length = Encoding.UTF8.GetChars(bytes, chars);
        // One write per line: a line never interleaves with another writer's on the same stream.
        output.Write(chars, 0, length);
    }
}
