using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Mlops.Monitoring.Logging;

/// <summary>
/// Serilog events rendered onto a <see cref="TextWriter"/> (a buffered stdout in production, flushed once per batch by
/// <see cref="PredictionLog.Flush"/>). Serilog's core package has no TextWriter sink, and Serilog.Sinks.Console writes
/// to the process console line by line; this one takes any writer, so tests read exactly what stdout gets.
/// </summary>
internal sealed class TextWriterSink(ITextFormatter formatter, TextWriter output) : ILogEventSink
{
    public void Emit(LogEvent logEvent) => formatter.Format(logEvent, output);
}
