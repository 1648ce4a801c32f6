using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Export;
using Mlops.Inference;
using Mlops.Inference.Onnx;
using Mlops.Monitoring;
using Mlops.Testing;

namespace Mlops.Serving.Tests;

/// <summary>
/// One real server for the test class: a tiny model exported to ONNX, served by <see cref="ServingApp"/> on a free port
/// of 127.0.0.1, talked to over HTTP.
/// </summary>
public class ServedModel : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlops-serving-test-").FullName;
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public ServingOptions Options { get; private set; } = null!;

    /// <summary>Prediction events go to rolling files in the test's folder (<see cref="MonitoringOptions.LogDir"/>), not to stdout.</summary>
    public MonitoringOptions Monitoring { get; private set; } = null!;

    /// <summary>Less room in the queue than one request may carry: a full request meets a full queue, deterministically.</summary>
    protected virtual int QueueCapacity => 3;

    /// <summary>Whether the served model classifies sentence pairs.</summary>
    protected virtual bool TextPair => false;

    public async Task InitializeAsync()
    {
        var served = await TinyModelFolder.ExportServedAsync(_dir, TextPair);
        Options = new ServingOptions
        {
            ModelDir = served.Path,
            Port = 0,
            Threads = 1,
            MaxTexts = 4,
            MaxTextCharacters = 200,
            MaxRequestBytes = 4096,
            QueueCapacity = QueueCapacity,
        };
        Monitoring = new MonitoringOptions { Stdout = false, LogDir = Path.Combine(_dir, "logs") };
        _app = await ServingApp.BuildAsync(Options, Monitoring);
        await _app.StartAsync();
        var address = _app.Urls.Single();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>The same server with the default queue, for load that must never be shed (the fuzz run).</summary>
public sealed class RoomyServedModel : ServedModel
{
    protected override int QueueCapacity => new ServingOptions().QueueCapacity;
}

/// <summary>The same server with a tiny model of sentence pairs.</summary>
public sealed class ServedPairModel : ServedModel
{
    protected override bool TextPair => true;
}
