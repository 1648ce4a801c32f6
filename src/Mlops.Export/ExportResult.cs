using Mlops.Core;

namespace Mlops.Export;

/// <summary>
/// The outcome of an export: where <c>model.onnx</c> went (nothing is written unless parity passed), its size, the
/// parity figures, and the fused operators ONNX Runtime made of the graph at load time.
/// </summary>
/// <param name="Output">The folder holding (or that would hold) <c>model.onnx</c>.</param>
/// <param name="Bytes">The size of <c>model.onnx</c>.</param>
/// <param name="Parity">ONNX Runtime against TorchSharp at float32.</param>
/// <param name="Bfloat16Labels">For a model trained with bf16 matmuls: its labels in bf16 against the fp32 export.</param>
/// <param name="OptimizedOperators">Operator counts of the written graph after ONNX Runtime's load-time optimisation.</param>
/// <param name="Int8">For an int8 export: the quantised graph against TorchSharp at float32 (labels must agree on 99 %).</param>
/// <param name="Float32Bytes">For an int8 export: the size the float32 graph would have had.</param>
/// <param name="Int8Recipe">For an int8 export: the fastest recipe of the ladder that passed (or the last one tried).</param>
public sealed record ExportResult(
    ModelDirectory Output,
    long Bytes,
    ParityReport Parity,
    ParityReport? Bfloat16Labels,
    IReadOnlyDictionary<string, int> OptimizedOperators,
    ParityReport? Int8 = null,
    long? Float32Bytes = null,
    Int8Recipe? Int8Recipe = null)
{
    public bool Written => Parity.Passed && Int8?.Passed != false;
}
