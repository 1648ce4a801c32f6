namespace Mlops.Core.Processes;

/// <summary>The last lines of a process's output stream, filled from its output events, for failure messages.</summary>
public sealed class OutputTail(int lines)
{
    private readonly Queue<string> _lines = new();

    public void Add(string? line)
    {
        if (line is null) return;
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > lines) _lines.Dequeue();
        }
    }

    public string Text
    {
        get
        {
            lock (_lines) return string.Join('\n', _lines);
        }
    }
}
