namespace Mlops.Inference.Onnx;

/// <summary>How ONNX Runtime runs a model: threads per call and how far it rewrites (fuses) the graph when loading it.</summary>
public sealed record OnnxOptions
{
    /// <summary>Threads one call may use (intra-op); 0 lets ONNX Runtime take one per core.</summary>
    public int Threads { get; init; }

    public GraphOptimization Optimization { get; init; } = GraphOptimization.All;
}

/// <summary>ONNX Runtime's graph optimisation levels; <see cref="All"/> includes the transformer fusions (Attention, SkipLayerNormalization, BiasGelu).</summary>
public enum GraphOptimization
{
    None,
    Basic,
    Extended,
    All,
}
