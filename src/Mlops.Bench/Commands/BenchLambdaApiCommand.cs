using System.ComponentModel;
using Mlops.Core;
using Mlops.Lambda;
using Spectre.Console;
using Spectre.Console.Cli;
using Mlops.Testing;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench lambda-api --port N</c>: the local stand-in for the Lambda service (<see cref="LocalRuntimeApi"/>) until
/// Ctrl+C or SIGTERM: start the function (the image, or mlops-serve) with AWS_LAMBDA_RUNTIME_API=127.0.0.1:N and send
/// function URL requests to http://127.0.0.1:N/, as the release smoke test does in CI.
/// </summary>
public sealed class BenchLambdaApiCommand : AsyncCommand<BenchLambdaApiCommand.Settings>
{
    /// <summary>Options of <c>mlops bench lambda-api</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--port <N>"), Description("Port on 127.0.0.1 for the Runtime API and the function URL."), DefaultValue(9001)]
        public int Port { get; init; } = 9001;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var api = await LocalRuntimeApi.StartAsync(port: settings.Port);
        AnsiConsole.MarkupLineInterpolated($"Runtime API: AWS_LAMBDA_RUNTIME_API={api.Endpoint}; function URL: http://{api.Endpoint}/ (Ctrl+C stops).");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        return ExitCodes.Success;
    }
}
