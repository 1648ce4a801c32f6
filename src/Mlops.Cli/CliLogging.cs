using Microsoft.Extensions.Logging;
using Serilog;

namespace Mlops.Cli;

/// <summary>
/// The command line's logger: one line per message on the console, information level unless --verbose,
/// and every message also in the run folder's log file when there is one.
/// </summary>
public static class CliLogging
{
    public static ILoggerFactory Create(bool verbose, string? logFile = null) => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information)
            .AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "HH:mm:ss ";
            });
        if (logFile is not null)
            builder.AddSerilog(new LoggerConfiguration().MinimumLevel.Debug()
                .WriteTo.File(logFile, outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
                .CreateLogger(), dispose: true);
    });
}
