using Mlops.Monitoring.Events;
using Serilog.Core;
using Serilog.Events;

namespace Mlops.Monitoring.Logging;

/// <summary>
/// The prediction log's Serilog sink: each event carrying a <see cref="PredictionEvent"/> (property
/// <see cref="Property"/>) rendered once as an ECS JSON line in UTF-8 and the same bytes written to stdout and to the
/// rolling files, so neither output renders it again nor goes through characters. Serilog's console and file sinks
/// each format to text, then encode; with both on, that was four passes over every line instead of one.
/// </summary>
internal sealed class PredictionLineSink(Stream? stdout, RollingJsonLinesFiles? files) : ILogEventSink
{
    public const string Property = "Prediction";

    private readonly EcsLine _line = new();

    /// <summary>The prediction an event carries, or null for any other event.</summary>
    public static PredictionEvent? PredictionOf(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue(Property, out var value) && value is ScalarValue { Value: PredictionEvent prediction } ? prediction : null;

    public void Emit(LogEvent logEvent)
    {
        if (PredictionOf(logEvent) is not { } prediction) return;
        var line = _line.Render(prediction);
        // One write per line into stdout's buffer, which the drain flushes after each batch.
        stdout?.Write(line);
        files?.Write(DateOnly.FromDateTime(prediction.Timestamp.UtcDateTime), line);
    }
}
