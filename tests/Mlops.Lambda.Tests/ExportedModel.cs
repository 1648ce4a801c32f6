using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Export;
using Mlops.Inference;
using Mlops.Inference.Onnx;
using Mlops.Testing;

namespace Mlops.Lambda.Tests;

/// <summary>A tiny model exported to ONNX once for the test class, and the serving options the function runs with.</summary>
public class ExportedModel : IAsyncLifetime
{
    /// <summary>Whether the model classifies sentence pairs.</summary>
    protected virtual bool TextPair => false;

    private readonly string _dir = Directory.CreateTempSubdirectory("mlops-lambda-test-").FullName;

    public ServingOptions Options { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var served = await TinyModelFolder.ExportServedAsync(_dir, TextPair);
        Options = new ServingOptions { ModelDir = served.Path, Threads = 1, MaxTextCharacters = 200, MaxRequestBytes = 4096 };
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>A tiny model of sentence pairs exported to ONNX once for the test class.</summary>
public sealed class ExportedPairModel : ExportedModel
{
    protected override bool TextPair => true;
}
