using Mlops.Config.Hosting;
using Mlops.Config.Overrides;
using System.Runtime.InteropServices;
using Mlops.Core;
using Mlops.Lambda;
using Mlops.Serving;
using Mlops.Serving.Host;
using Mlops.Tracking;

// mlops-serve [key=value ...]: the serving group's overrides, e.g. serving.port=9000 serving.model_dir=models/cola.
// mlops-serve healthcheck [key=value ...]: exit 0 when the host those overrides describe is ready (a container HEALTHCHECK).
// On AWS Lambda (AWS_LAMBDA_RUNTIME_API set by the service) the same image answers Runtime API events instead of HTTP.
try
{
    var healthCheck = args is [HealthCheck.Command, ..];
    var config = ConfigLoader.Resolve<ServingHostConfig>(
        ConfigLoader.Compose(new ConfigSource(ConfigName: "serve"), OverrideParser.ParseAll(healthCheck ? args[1..] : args)), DateTimeOffset.Now);
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
    await app.RunAsync();
    return ExitCodes.Success;
}
catch (MlopsException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    if (e.Hint is not null) Console.Error.WriteLine(e.Hint);
    return e.ExitCode;
}
catch (IOException e)
{
    // Kestrel reports a port in use (or an address it cannot bind) this way, before it listens.
    Console.Error.WriteLine($"error: cannot listen: {e.Message}");
    Console.Error.WriteLine("Choose another serving.port or serving.host, or stop what holds it.");
    return ExitCodes.IoError;
}
