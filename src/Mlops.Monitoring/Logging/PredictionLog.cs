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
    private readonly Stream? _stdout;
    private readonly RollingJsonLinesFiles? _files;

    /// <summary>The log <paramref name="options"/> ask for; <paramref name="stdout"/> stands in for the process's stdout (tests).</summary>
    public PredictionLog(MonitoringOptions options, Stream? stdout = null)
    {
        if (options.Stdout) _stdout = stdout ?? new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
        if (options.LogDir.Length > 0)
        {
            Directory.CreateDirectory(options.LogDir);
            _files = new RollingJsonLinesFiles(options.LogDir, FilePrefix, options.FileSizeMb * 1024L * 1024, options.RetainedFiles);
        }
        var configuration = new LoggerConfiguration().MinimumLevel.Information();
        if (_stdout is not null || _files is not null) configuration.WriteTo.Sink(new PredictionLineSink(_stdout, _files));
        _logger = configuration.CreateLogger();
    }

    public void Write(PredictionEvent prediction) =>
        _logger.Write(new LogEvent(prediction.Timestamp, LogEventLevel.Information, null, MessageTemplate.Empty,
            [new LogEventProperty(PredictionLineSink.Property, new ScalarValue(prediction))]));

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
