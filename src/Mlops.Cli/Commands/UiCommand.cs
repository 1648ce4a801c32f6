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
    /// <summary>Options of <c>mlops ui</c>: where it listens is <c>ui.host</c> and <c>ui.port</c>, overrides like every other key.</summary>
    public sealed class Settings : StoreSettings
    {
        [CommandOption("--token <SECRET>"), Description("Required to open the dashboard (default: the MLOPS_UI_TOKEN environment variable); needed for any ui.host but loopback.")]
        public string? Token { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var config = settings.Load(OverrideParser.ParseAll(settings.Overrides));
        if (settings.PrintedConfig(config)) return ExitCodes.Success;
        await using var store = await settings.OpenStoreAsync(cancellationToken);
        if (store is null) return settings.ReportNoStore();
        var options = new DashboardOptions
        {
            Drift = config.Options.Monitoring.Drift,
            Host = config.Options.Ui.Host,
            Port = config.Options.Ui.Port,
            Token = settings.Token ?? Environment.GetEnvironmentVariable("MLOPS_UI_TOKEN"),
            StaleAfter = TimeSpan.FromSeconds(config.Options.Tracking.StaleAfterSeconds),
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
