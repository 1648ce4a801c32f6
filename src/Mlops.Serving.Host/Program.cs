using Mlops.Config.Hosting;
using Mlops.Config.Overrides;
using System.Runtime.InteropServices;
using Mlops.Core;
using Mlops.Lambda;
using Mlops.Serving;
using Mlops.Serving.Host;
using Mlops.Tracking;

const string Usage = """
    mlops-serve: the prediction API over HTTP on ONNX Runtime (GET /predict, POST /v1/predict, /healthz, /readyz, /metrics);
    on AWS Lambda (AWS_LAMBDA_RUNTIME_API set by the service) the same program answers Runtime API events instead.

    USAGE:
        mlops-serve [OPTIONS] [KEY=VALUE ...]               e.g. mlops-serve serving.port=9000 serving.model_dir=models/cola
        mlops-serve healthcheck [OPTIONS] [KEY=VALUE ...]   exit 0 when the host those overrides describe is ready (a container HEALTHCHECK)
    """;

try
{
    var healthCheck = args is [HealthCheck.Command, ..];
    var arguments = FrameworkArguments.Parse(healthCheck ? args[1..] : args, "mlops-serve", ServingHostConfig.ConfigName);
    if (arguments.Version)
    {
        Console.WriteLine(FrameworkOptions.VersionOf(typeof(ServingHostConfig).Assembly));
        return ExitCodes.Success;
    }
    if (arguments.Help)
    {
        FrameworkArguments.WriteHelp(Console.Out, Usage, ConfigLoader.Compose(arguments.Source, []).Root);
        return ExitCodes.Success;
    }
    var config = ConfigLoader.Resolve<ServingHostConfig>(ConfigLoader.Compose(arguments.Source, OverrideParser.ParseAll(arguments.Overrides)), DateTimeOffset.Now);
    if (arguments.PrintConfig)
    {
        Console.Write(ConfigText.Format(config.Composed.Choices, config.JobConfig));
        return ExitCodes.Success;
    }
    if (healthCheck) return await HealthCheck.RunAsync(config.Options.Serving);
    var serving = config.Options.Serving;
    // A folder costs nothing here; only a models:/ reference opens the registry (and loads its database clients).
    if (serving.ModelDir.StartsWith(ModelReference.Scheme, StringComparison.Ordinal))
        serving = serving with { ModelDir = await ModelReference.ResolveAsync(serving.ModelDir, config.Options.Tracking.Uri, CancellationToken.None) };
    if (Environment.GetEnvironmentVariable(LambdaRuntimeClient.EndpointVariable) is { Length: > 0 } runtimeApi)
    {
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });
        // One JSON line per log entry: what CloudWatch stores and searches best.
        using var logs = LoggerFactory.Create(logging => logging.AddJsonConsole());
        return await LambdaHost.RunAsync(runtimeApi, serving, config.Options.Monitoring, logs.CreateLogger("Mlops.Lambda"), stop.Token);
    }
    await using var app = await ServingApp.BuildAsync(serving, config.Options.Monitoring, config.Options.Tracking.Uri);
    await ServingApp.ListenAsync(app);
    await app.WaitForShutdownAsync();
    return ExitCodes.Success;
}
catch (MlopsException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    if (e.Hint is not null) Console.Error.WriteLine(e.Hint);
    return e.ExitCode;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    // A file or folder the host reads or writes (the model, monitoring.log_dir): the runtime's message names the path.
    Console.Error.WriteLine($"error: {e.Message}");
    return ExitCodes.IoError;
}
