using Microsoft.Extensions.Logging;

namespace Mlops.Cli;

/// <summary>The command line's logger: one line per message, information level unless --verbose.</summary>
public static class CliLogging
{
    public static ILoggerFactory Create(bool verbose) => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information)
        .AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss ";
        }));
}
