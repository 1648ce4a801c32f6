namespace Mlops.Monitoring.Logging;

/// <summary>
/// The prediction log's files: ECS lines, already UTF-8, appended to <c>{prefix}YYYYMMDD.jsonl</c> (the event's UTC
/// day), a new file per day and whenever one reaches the size limit (<c>{prefix}YYYYMMDD_001.jsonl</c>, ...), the
/// oldest deleted past <c>retained</c> files. Serilog.Sinks.File would render each line to characters and encode them
/// back to bytes; <see cref="PredictionLineSink"/> renders once and hands the bytes here. Appends to the day's last
/// file after a restart; written by the drain alone.
/// </summary>
internal sealed class RollingJsonLinesFiles(string directory, string prefix, long fileSizeLimit, int retained) : IDisposable
{
    private const string Extension = ".jsonl";
    private FileStream? _file;
    private DateOnly _day;
    private int _sequence;
    private long _size;

    /// <summary>Appends one line (newline included) of an event of <paramref name="day"/>.</summary>
    public void Write(DateOnly day, ReadOnlySpan<byte> line)
    {
        if (_file is null || day != _day) Open(day, 0);
        else if (_size > 0 && _size + line.Length > fileSizeLimit) Open(day, _sequence + 1);
        _file!.Write(line);
        _size += line.Length;
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
