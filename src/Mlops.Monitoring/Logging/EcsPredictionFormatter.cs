using System.Text;
using System.Text.Json;
using Mlops.Monitoring.Events;
using Serilog.Events;
using Serilog.Formatting;

namespace Mlops.Monitoring.Logging;

/// <summary>
/// Serilog's side of the prediction log: renders an event carrying a <see cref="PredictionEvent"/> (property
/// <see cref="Property"/>) as one ECS JSON line, for every sink alike (stdout, rolling files).
/// </summary>
public sealed class EcsPredictionFormatter : ITextFormatter
{
    public const string Property = "Prediction";

    public void Format(LogEvent logEvent, TextWriter output)
    {
        if (!logEvent.Properties.TryGetValue(Property, out var value) || value is not ScalarValue { Value: PredictionEvent prediction }) return;
        using var buffer = new MemoryStream(512);
        using (var json = new Utf8JsonWriter(buffer))
            EcsDocument.Write(json, prediction);
        buffer.WriteByte((byte)'\n');
        // One write per line: stdout is shared with the host's own log lines, which must not land inside this one.
        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
