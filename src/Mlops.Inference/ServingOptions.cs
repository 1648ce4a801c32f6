using System.ComponentModel.DataAnnotations;
using Mlops.Inference.Onnx;

namespace Mlops.Inference;

/// <summary>
/// The <c>serving</c> config group: which model the predicting commands and the serving host load, with which engine
/// and threads, where the host listens and what it accepts. One record, so <c>mlops predict</c> and <c>mlops serve</c>
/// read the same keys.
/// </summary>
public sealed record ServingOptions
{
    /// <summary>A model folder or a run folder holding <c>model/</c>; by default the latest run.</summary>
    public string ModelDir { get; init; } = "outputs/latest";
    [Range(1, 65536)] public int BatchSize { get; init; } = 64;
    /// <summary><c>auto</c>: ONNX Runtime when the folder has <c>model.onnx</c>, else TorchSharp (the serving host runs ONNX Runtime only).</summary>
    public InferenceEngine Engine { get; init; } = InferenceEngine.Auto;
    /// <summary>Threads one ONNX Runtime call may use; 0 takes one per core.</summary>
    [Range(0, 1024)] public int Threads { get; init; }
    /// <summary>How far ONNX Runtime rewrites the graph when loading it; <c>all</c> includes the transformer fusions.</summary>
    public GraphOptimization GraphOptimization { get; init; } = GraphOptimization.All;
    /// <summary>The address the serving host listens on; anything but loopback exposes the API to the network.</summary>
    public string Host { get; init; } = "127.0.0.1";
    [Range(0, 65535)] public int Port { get; init; } = 8000;
    /// <summary>Characters one text may have; longer ones are refused with 413, not truncated silently.</summary>
    [Range(1, 1_000_000)] public int MaxTextCharacters { get; init; } = 2000;
    /// <summary>Texts one request may carry.</summary>
    [Range(1, 100_000)] public int MaxTexts { get; init; } = 64;
    /// <summary>Bytes one request body may have (413 beyond).</summary>
    [Range(1, 1 << 30)] public int MaxRequestBytes { get; init; } = 1 << 20;
    /// <summary>
    /// How long the serving host holds the first waiting text for others to join its batch (batch_size texts at most).
    /// 0 (the default) never waits: texts that arrive while the model is busy still share the next call.
    /// </summary>
    [Range(0, 1000)] public int MaxWaitMs { get; init; }
    /// <summary>Texts that may wait for a batch; beyond, requests get 503 with Retry-After.</summary>
    [Range(1, 1_000_000)] public int QueueCapacity { get; init; } = 1024;
    /// <summary>How long a request may wait for its predictions (queue and model) before it gets 503.</summary>
    [Range(1, 600_000)] public int RequestTimeoutMs { get; init; } = 10_000;
    /// <summary>How long in-flight requests may take to finish after SIGTERM before the host exits.</summary>
    [Range(0, 3600)] public int ShutdownSeconds { get; init; } = 10;

    public OnnxOptions Onnx => new() { Threads = Threads, Optimization = GraphOptimization };
}
