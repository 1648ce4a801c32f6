using System.ComponentModel;
using Mlops.Config.Overrides;
using Mlops.Core;
using Mlops.Ui;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops ui</c>: the tracking dashboard (runs table, run pages, comparisons, the monitoring view of served traffic) over the store <c>tracking.uri</c> names, until Ctrl+C.</summary>
public sealed class UiCommand : AsyncCommand<UiCommand.Settings>
{
    /// <summary>Options of <c>mlops ui</c>.</summary>
    public sealed class Settings : StoreSettings
    {
        [CommandOption("--host <ADDRESS>"), Description("Address to listen on; anything but loopback needs --token."), DefaultValue("127.0.0.1")]
        public string Host { get; init; } = "127.0.0.1";

        [CommandOption("--port <PORT>"), Description("Port to listen on; 0 picks a free one."), DefaultValue(5050)]
        public int Port { get; init; } = 5050;

        [CommandOption("--token <SECRET>"), Description("Required to open the dashboard (default: the MLOPS_UI_TOKEN environment variable).")]
        public string? Token { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenStoreAsync(cancellationToken);
        if (store is null) return settings.ReportNoStore();
        var config = settings.Load(OverrideParser.ParseAll(settings.Overrides));
        var options = new DashboardOptions
        {
            Drift = config.Options.Monitoring.Drift,
            Host = settings.Host,
            Port = settings.Port,
            Token = settings.Token ?? Environment.GetEnvironmentVariable("MLOPS_UI_TOKEN"),
            StaleAfter = TimeSpan.FromSeconds(settings.Tracking().StaleAfterSeconds),
        };
        using var logging = CliLogging.Create(verbose: false);
        await using var app = await DashboardServer.StartAsync(store, store, options, logging.CreateLogger("mlops.ui"), cancellationToken);
        var address = app.Address();
        AnsiConsole.MarkupLine($"Dashboard on [green]{Markup.Escape(address)}[/]{(options.Token is null ? "" : " (open it once with ?token=...)")}. Ctrl+C stops.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
        await app.StopAsync(CancellationToken.None);
        return ExitCodes.Success;
    }
}
