using System.ComponentModel.DataAnnotations;
using Mlops.Inference.Onnx;

namespace Mlops.Cli.Configuration;

/// <summary>The <c>serving</c> section: which model <c>predict</c> and <c>evaluate</c> load, with which engine, and how it runs.</summary>
public sealed record ServingSpec
{
    /// <summary>A model folder or a run folder holding <c>model/</c>; by default the latest run.</summary>
    public string ModelDir { get; init; } = "outputs/latest";
    [Range(1, 65536)] public int BatchSize { get; init; } = 64;
    /// <summary><c>auto</c>: ONNX Runtime when the folder has <c>model.onnx</c>, else TorchSharp.</summary>
    public InferenceEngine Engine { get; init; } = InferenceEngine.Auto;
    /// <summary>Threads one ONNX Runtime call may use; 0 takes one per core.</summary>
    [Range(0, 1024)] public int Threads { get; init; }
    /// <summary>How far ONNX Runtime rewrites the graph when loading it; <c>all</c> includes the transformer fusions.</summary>
    public GraphOptimization GraphOptimization { get; init; } = GraphOptimization.All;

    public OnnxOptions Onnx => new() { Threads = Threads, Optimization = GraphOptimization };
}
