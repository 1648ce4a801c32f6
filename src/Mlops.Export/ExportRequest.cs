using Mlops.Core;
using Mlops.Inference.Onnx;

namespace Mlops.Export;

/// <summary>What to export and how to prove it: the trained model folder, where to write, and the sentences the parity gate runs.</summary>
/// <param name="Source">A model folder with trained weights (<c>model.safetensors</c>).</param>
/// <param name="OutputDir">A new folder for the export, or null to add <c>model.onnx</c> to <paramref name="Source"/>.</param>
/// <param name="Sentences">Real sentences (sentence pairs for a model of pairs) for the parity gate (e.g. a validation split).</param>
/// <param name="Onnx">Session options the gate loads the export with (threads, optimisation level).</param>
/// <param name="Attention">Fused ONNX Runtime attention (the default) or standard operators for other runtimes.</param>
/// <param name="Int8">Write the dynamically quantised int8 graph (after the float32 graph passed its gate).</param>
/// <param name="Calibration">Sentences int8 calibration reads (e.g. a sample of train, apart from the gate's); null: <paramref name="Sentences"/>.</param>
public sealed record ExportRequest(ModelDirectory Source, string? OutputDir, IReadOnlyList<TextInput> Sentences, OnnxOptions Onnx,
    AttentionLayout Attention = AttentionLayout.Fused, bool Int8 = false, IReadOnlyList<TextInput>? Calibration = null);
