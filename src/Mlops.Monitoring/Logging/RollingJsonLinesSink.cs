using Serilog.Core;
using Serilog.Events;

namespace Mlops.Monitoring.Logging;

/// <summary>
/// Serilog's file side of the prediction log: each prediction event as one ECS line written as UTF-8 bytes straight
/// into <c>{prefix}YYYYMMDD.jsonl</c> (the event's UTC day), a new file per day and whenever one reaches the size limit
/// (<c>{prefix}YYYYMMDD_001.jsonl</c>, ...), the oldest deleted past <c>retained</c> files. Serilog.Sinks.File would
/// render each line to characters and encode them back to bytes, which cost the drain more than everything else it
/// does per event; this sink renders once. Appends to the day's last file after a restart; written by the drain alone.
/// </summary>
internal sealed class RollingJsonLinesSink(string directory, string prefix, long fileSizeLimit, int retained) : ILogEventSink, IDisposable
{
    private const string Extension = ".jsonl";
    private readonly EcsLine _line = new();
    private FileStream? _file;
    private DateOnly _day;
    private int _sequence;
    private long _size;

    public void Emit(LogEvent logEvent)
    {
        if (EcsPredictionFormatter.PredictionOf(logEvent) is not { } prediction) return;
        var bytes = _line.Render(prediction);
        var day = DateOnly.FromDateTime(prediction.Timestamp.UtcDateTime);
        if (_file is null || day != _day) Open(day, 0);
        else if (_size > 0 && _size + bytes.Length > fileSizeLimit) Open(day, _sequence + 1);
        _file!.Write(bytes);
        _size += bytes.Length;
    }

    /// <summary>Hands what is buffered to the operating system (the drain calls it after each batch).</summary>
    public void Flush() => _file?.Flush();

    /// <summary>
    /// Opens the day's file numbered <paramref name="sequence"/>, or its last existing one when that is later (a
    /// restart), or the next one when that is full; then applies the retention.
    /// </summary>
    private void Open(DateOnly day, int sequence)
    {
        _file?.Dispose();
        var name = $"{prefix}{day:yyyyMMdd}";
        string PathOf(int n) => Path.Combine(directory, $"{name}{(n == 0 ? "" : $"_{n:000}")}{Extension}");
        while (File.Exists(PathOf(sequence + 1))) sequence++;
        for (; ; sequence++)
        {
            var path = PathOf(sequence);
            if (File.Exists(path) && new FileInfo(path).Length >= fileSizeLimit) continue;
            _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16);
            (_day, _sequence, _size) = (day, sequence, _file.Length);
            break;
        }
        // File names sort by day, then by sequence ('.' sorts before '_'): the oldest come first.
        var files = Directory.GetFiles(directory, prefix + "*" + Extension).Order(StringComparer.Ordinal).ToList();
        foreach (var old in files.Take(Math.Max(0, files.Count - retained))) File.Delete(old);
    }

    public void Dispose() => _file?.Dispose();
}
