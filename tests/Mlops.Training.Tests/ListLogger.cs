using Microsoft.Extensions.Logging;

namespace Mlops.Training.Tests;

/// <summary>Captures log messages so tests can assert what was warned about.</summary>
public sealed class ListLogger : ILogger
{
    public List<(LogLevel Level, string Text)> Messages { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Messages.Add((logLevel, formatter(state, exception)));
}
