using Mlops.Config.Hosting;
using Mlops.Config.Overrides;
using Mlops.Core;
using Mlops.Serving;
using Mlops.Tracking;

// mlops-serve [key=value ...]: the serving group's overrides, e.g. serving.port=9000 serving.model_dir=models/cola.
// mlops-serve healthcheck [key=value ...]: exit 0 when the host those overrides describe is ready (a container HEALTHCHECK).
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
    await using var app = await ServingApp.BuildAsync(serving);
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
