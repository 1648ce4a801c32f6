using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Mlops.Monitoring.Logging;

/// <summary>
/// Serilog events rendered onto a <see cref="TextWriter"/> (stdout in production), one flush per event so a collector
/// sees each line as it is written. Serilog's core package has no TextWriter sink, and Serilog.Sinks.Console writes to
/// the process console only; this one takes any writer, so tests read exactly what stdout gets.
/// </summary>
internal sealed class TextWriterSink(ITextFormatter formatter, TextWriter output) : ILogEventSink
{
    private readonly Lock _lock = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_lock)
        {
            formatter.Format(logEvent, output);
            output.Flush();
        }
    }
}
