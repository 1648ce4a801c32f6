using Mlops.Monitoring.Events;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Mlops.Monitoring.Logging;

/// <summary>
/// Writes prediction events through Serilog to stdout and to rolling JSON-lines files, synchronously, on the caller's
/// thread: the <see cref="PredictionRecorder"/>'s drain calls it in batches and then <see cref="Flush"/>, so no
/// request thread ever writes, and stdout and the file get one write per batch instead of one per line.
/// </summary>
public sealed class PredictionLog : IDisposable
{
    public const string FilePrefix = "predictions-";

    private readonly Logger _logger;
    private readonly TextWriter? _stdout;
    private readonly RollingJsonLinesSink? _files;

    public PredictionLog(MonitoringOptions options, TextWriter? stdout = null)
    {
        var formatter = new EcsPredictionFormatter();
        var configuration = new LoggerConfiguration().MinimumLevel.Information();
        if (options.Stdout)
        {
            _stdout = stdout ?? new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = false };
            configuration.WriteTo.Sink(new TextWriterSink(formatter, _stdout));
        }
        if (options.LogDir.Length > 0)
        {
            Directory.CreateDirectory(options.LogDir);
            _files = new RollingJsonLinesSink(options.LogDir, FilePrefix, options.FileSizeMb * 1024L * 1024, options.RetainedFiles);
            configuration.WriteTo.Sink(_files);
        }
        _logger = configuration.CreateLogger();
    }

    public void Write(PredictionEvent prediction) =>
        _logger.Write(new LogEvent(prediction.Timestamp, LogEventLevel.Information, null, MessageTemplate.Empty,
            [new LogEventProperty(EcsPredictionFormatter.Property, new ScalarValue(prediction))]));

    /// <summary>Hands what stdout and the file buffered to the pipe and the operating system.</summary>
    public void Flush()
    {
        _stdout?.Flush();
        _files?.Flush();
    }

    /// <summary>Flushes and closes the files.</summary>
    public void Dispose()
    {
        Flush();
        _logger.Dispose();
        _files?.Dispose();
    }
}
