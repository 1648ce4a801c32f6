using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Export;
using Mlops.Export.Tests;
using Mlops.Inference;
using Mlops.Inference.Onnx;

namespace Mlops.Lambda.Tests;

/// <summary>A tiny model exported to ONNX once for the test class, and the serving options the function runs with.</summary>
public sealed class ExportedModel : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlops-lambda-test-").FullName;

    public ServingOptions Options { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        TorchSharp.torch.set_num_threads(1);
        var source = await TinyModelFolder.WriteAsync(Path.Combine(_dir, "model"));
        var exported = await new ModelExporter(NullLogger<ModelExporter>.Instance)
            .ExportAsync(new ExportRequest(source, Path.Combine(_dir, "served"), TinyModelFolder.Sentences(20), new OnnxOptions { Threads = 1 }));
        Assert.True(exported.Written);
        Options = new ServingOptions { ModelDir = exported.Output.Path, Threads = 1, MaxTextCharacters = 200, MaxRequestBytes = 4096 };
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}
