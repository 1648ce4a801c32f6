using Mlops.Tracking;

namespace Mlops.Serving.Host;

/// <summary>
/// The <c>tracking</c> section of the serving host: only where the model registry is, so that
/// <c>serving.model_dir=models:/cola@champion</c> resolves as it does in <c>mlops serve</c>.
/// </summary>
public sealed record ServingRegistry
{
    public string Uri { get; init; } = TrackingStores.DefaultUri;
}
