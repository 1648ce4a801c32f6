using Mlops.Monitoring.Events;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Sinks.Async;

namespace Mlops.Monitoring.Logging;

/// <summary>
/// Writes prediction events through Serilog to stdout and to rolling JSON-lines files, behind a bounded buffer: a
/// prediction never waits for a disk or a pipe, and when writing falls behind by <see cref="MonitoringOptions.BufferEvents"/>
/// the newest events are dropped and counted (<see cref="Dropped"/>) instead.
/// </summary>
public sealed class PredictionLog : IDisposable
{
    public const string FilePrefix = "predictions-";

    private readonly Logger _logger;
    private readonly List<IAsyncLogEventSinkInspector> _buffers = [];

    public PredictionLog(MonitoringOptions options, TextWriter? stdout = null)
    {
        var formatter = new EcsPredictionFormatter();
        var configuration = new LoggerConfiguration().MinimumLevel.Information();
        if (options.Stdout)
            configuration.WriteTo.Async(sink => sink.Sink(new TextWriterSink(formatter, stdout ?? Console.Out)), options.BufferEvents, blockWhenFull: false,
                monitor: new BufferMonitor(_buffers));
        if (options.LogDir.Length > 0)
        {
            Directory.CreateDirectory(options.LogDir);
            configuration.WriteTo.Async(sink => sink.File(formatter, Path.Combine(options.LogDir, FilePrefix + ".jsonl"),
                    rollingInterval: RollingInterval.Day, rollOnFileSizeLimit: true, fileSizeLimitBytes: options.FileSizeMb * 1024L * 1024,
                    retainedFileCountLimit: options.RetainedFiles, buffered: true, flushToDiskInterval: TimeSpan.FromSeconds(1)),
                options.BufferEvents, blockWhenFull: false, monitor: new BufferMonitor(_buffers));
        }
        _logger = configuration.CreateLogger();
    }

    /// <summary>Events dropped because a sink fell behind, over all sinks.</summary>
    public long Dropped => _buffers.Sum(b => b.DroppedMessagesCount);

    public void Write(PredictionEvent prediction) =>
        _logger.Write(new LogEvent(prediction.Timestamp, LogEventLevel.Information, null, MessageTemplate.Empty,
            [new LogEventProperty(EcsPredictionFormatter.Property, new ScalarValue(prediction))]));

    /// <summary>Writes what is buffered and closes the files.</summary>
    public void Dispose() => _logger.Dispose();

    /// <summary>Collects each async sink's inspector, which counts what it dropped.</summary>
    private sealed class BufferMonitor(List<IAsyncLogEventSinkInspector> buffers) : IAsyncLogEventSinkMonitor
    {
        public void StartMonitoring(IAsyncLogEventSinkInspector inspector)
        {
            lock (buffers) buffers.Add(inspector);
        }

        public void StopMonitoring(IAsyncLogEventSinkInspector inspector)
        {
        }
    }
}
