using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Inference;
using Mlops.Monitoring;
using Mlops.Testing;

namespace Mlops.Lambda.Tests;

/// <summary>A function whose model does not load reports an init error to the Runtime API (as AWS documents) and exits with one clear code.</summary>
public sealed class LambdaInitTests
{
    [Fact]
    public async Task A_model_that_does_not_load_is_an_init_error_and_an_exit()
    {
        await using var api = await LocalRuntimeApi.StartAsync();
        var missing = Path.Combine(Path.GetTempPath(), $"no-model-{Guid.NewGuid():N}");
        var exit = await LambdaHost.RunAsync(api.Endpoint, new ServingOptions { ModelDir = missing }, new MonitoringOptions(), NullLogger.Instance, CancellationToken.None);
        Assert.NotEqual(0, exit);
        var error = await api.InitError.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("Runtime.ModelLoadFailed", error.Type);
        Assert.Contains(missing, error.Message);
    }
}
