using Mlops.Config.Hosting;
using Mlops.Inference;
using Mlops.Monitoring;

namespace Mlops.Serving.Host;

/// <summary>The serving host's config schema: the <c>serving</c> and <c>monitoring</c> groups, where the model registry is, and the program's own <c>mlops</c> section; nothing of training.</summary>
public sealed record ServingHostConfig : IHostConfig
{
    /// <summary>The host's primary config (<c>configs/serve.yaml</c>), unless <c>--config-name</c> names another.</summary>
    public const string ConfigName = "serve";

    public ServingOptions Serving { get; init; } = new();
    public MonitoringOptions Monitoring { get; init; } = new();
    public ServingRegistry Tracking { get; init; } = new();
    public FrameworkSpec Mlops { get; init; } = new();
}
