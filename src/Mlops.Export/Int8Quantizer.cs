using System.Runtime.InteropServices;
using Google.Protobuf;
using Mlops.Inference.Onnx;
using Onnx;
using static Onnx.TensorProto.Types;

namespace Mlops.Export;

/// <summary>
/// Dynamic int8 quantisation of an exported graph, as ONNX Runtime's <c>quantize_dynamic</c> does it but in C#: every
/// MatMul by a constant weight becomes DynamicQuantizeLinear -> MatMulInteger -> Cast -> Mul(x_scale, w_scale), which
/// ONNX Runtime fuses into DynamicQuantizeMatMul at load, and the fused Attention becomes QAttention. Weights are int8,
/// symmetric (zero point 0), with a scale per output column for MatMuls and one per tensor for QAttention; activations
/// are quantised to uint8 per call. Everything else stays float32.
/// With calibrated activation ranges it first smooths each weighted input as SmoothQuant does (Xiao et al., 2023,
/// "SmoothQuant: Accurate and Efficient Post-Training Quantization for Large Language Models", ICML 2023,
/// arXiv:2211.10438, section 4): BERT's LayerNorm outputs have a few channels far larger than the rest, which one
/// per-tensor activation scale cannot represent together, so each input channel j is divided by the paper's smoothing
/// factor s_j = max|x_j|^a / max|w_j|^(1-a) (a: its migration strength) and the weight's row j is multiplied by it,
/// its Y = (X diag(s)^-1)(diag(s) W): the product is unchanged in exact arithmetic, and both sides quantise with less
/// error. Unlike the paper, which folds diag(s)^-1 offline into the layer that produces X and in a Transformer block
/// smooths only the inputs a LayerNorm produces (those of the QKV projection and the first feed-forward layer), the
/// division here is a Mul at run time, whatever produced the input, and every quantised weight's input is smoothed
/// (the attention output and second feed-forward projections too); s is clamped to [1e-4, 1e4], and is 1 where either
/// maximum is 0.
/// </summary>
public static class Int8Quantizer
{
    /// <summary>The input tensors of the weights <see cref="Quantize"/> replaces: what calibration measures.</summary>
    public static IReadOnlyCollection<string> WeightedInputs(ModelProto model)
    {
        var initializers = model.Graph.Initializer.Where(t => t.Dims.Count == 2).Select(t => t.Name).ToHashSet();
        return model.Graph.Node.Where(n => IsQuantizable(n) && initializers.Contains(n.Input[1])).Select(n => n.Input[0]).Distinct().ToList();
    }

    /// <param name="model">A float32 export.</param>
    /// <param name="inputRanges">Per-channel max |x| of the weighted inputs (<see cref="ActivationRanges"/>); null quantises without smoothing.</param>
    /// <param name="recipe">Which weights to quantise (default: all).</param>
    /// <param name="alpha">How much of the activations' range moves into the weights (SmoothQuant's migration strength; 0.8 kept most CoLA labels of 0-1).</param>
    public static ModelProto Quantize(ModelProto model, IReadOnlyDictionary<string, float[]>? inputRanges = null, Int8Recipe? recipe = null, float alpha = 0.8f)
    {
        recipe ??= new Int8Recipe(true, []);
        var quantized = model.Clone();
        var graph = quantized.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        var replaced = new HashSet<string>();
        var nodes = new List<NodeProto>();
        foreach (var node in graph.Node)
        {
            if (!IsQuantizable(node) || recipe.KeepsFloat(node.Name) || !initializers.TryGetValue(node.Input[1], out var weight) || weight.Dims.Count != 2)
            {
                nodes.Add(node);
                continue;
            }
            replaced.Add(weight.Name);
            var input = Smooth(node, ref weight, inputRanges, alpha, graph, nodes);
            nodes.AddRange(node.OpType == "MatMul" ? QuantizedMatMul(node, input, weight, graph) : QuantizedAttention(node, input, weight, graph));
        }
        graph.Node.Clear();
        graph.Node.AddRange(nodes);
        foreach (var name in replaced) graph.Initializer.Remove(initializers[name]);
        foreach (var entry in quantized.MetadataProps.Where(p => p.Key == OnnxModelMetadata.QuantizationKey)) entry.Value = "int8";
        return quantized;
    }

    private static bool IsQuantizable(NodeProto node) =>
        (node.OpType == "MatMul" && node.Domain == "") || (node.OpType == "Attention" && node.Domain == BertOnnxGraph.MicrosoftDomain);

    /// <summary>
    /// With a calibrated range for the node's input, adds <c>Mul(input, 1/s)</c> and returns its output, and replaces
    /// <paramref name="weight"/> by the weight with row j multiplied by s_j (SmoothQuant's per-channel smoothing, see the
    /// type); without one, returns the input unchanged.
    /// </summary>
    private static string Smooth(NodeProto node, ref TensorProto weight, IReadOnlyDictionary<string, float[]>? inputRanges, float alpha,
        GraphProto graph, List<NodeProto> nodes)
    {
        if (inputRanges is null || !inputRanges.TryGetValue(node.Input[0], out var activations)) return node.Input[0];
        var (rows, columns) = ((int)weight.Dims[0], (int)weight.Dims[1]);
        var values = Floats(weight);
        var inverse = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            var weightMax = 0f;
            for (var c = 0; c < columns; c++) weightMax = Math.Max(weightMax, Math.Abs(values[r * columns + c]));
            var s = activations[r] > 0 && weightMax > 0 ? Math.Clamp(MathF.Pow(activations[r], alpha) / MathF.Pow(weightMax, 1 - alpha), 1e-4f, 1e4f) : 1f;
            for (var c = 0; c < columns; c++) values[r * columns + c] *= s;
            inverse[r] = 1 / s;
        }
        weight = Tensor($"{weight.Name}_smoothed", DataType.Float, MemoryMarshal.AsBytes(values.AsSpan()), rows, columns);
        var factors = Tensor($"{node.Name}_smoothing", DataType.Float, MemoryMarshal.AsBytes(inverse.AsSpan()), rows);
        graph.Initializer.Add(factors);
        var smooth = Node("Mul", $"{node.Name}_smooth", "", [node.Input[0], factors.Name]);
        nodes.Add(smooth);
        return smooth.Output[0];
    }

    private static IEnumerable<NodeProto> QuantizedMatMul(NodeProto node, string source, TensorProto weight, GraphProto graph)
    {
        var name = QuantizeWeight(weight, perColumn: true, graph);
        var input = QuantizeInput(node, source, out var dynamicQuantize);
        yield return dynamicQuantize;
        yield return Node("MatMulInteger", $"{node.Name}_quant", "", [input.Values, $"{name}_quantized", input.ZeroPoint, $"{name}_zero_point"]);
        yield return Node("Cast", $"{node.Name}_quant_cast", "", [$"{node.Name}_quant"], new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)DataType.Float });
        // x_scale first: ONNX Runtime's DynamicQuantizeMatMul fusion reads the weight scale from the second operand.
        yield return Node("Mul", $"{node.Name}_quant_scales", "", [input.Scale, $"{name}_scale"]);
        var output = Node("Mul", $"{node.Name}_quant_output", "", [$"{node.Name}_quant_cast", $"{node.Name}_quant_scales"]);
        output.Output[0] = node.Output[0];
        yield return output;
    }

    private static IEnumerable<NodeProto> QuantizedAttention(NodeProto node, string source, TensorProto weight, GraphProto graph)
    {
        // Per tensor: measured on CoLA, QAttention with a scale per column kept fewer labels than with one scale.
        var name = QuantizeWeight(weight, perColumn: false, graph);
        var input = QuantizeInput(node, source, out var dynamicQuantize);
        yield return dynamicQuantize;
        // QAttention(input, weight, bias, input_scale, weight_scale, mask_index, input_zero_point, weight_zero_point)
        var attention = Node("QAttention", $"{node.Name}_quant", BertOnnxGraph.MicrosoftDomain,
            [input.Values, $"{name}_quantized", node.Input[2], input.Scale, $"{name}_scale", node.Input[3], input.ZeroPoint, $"{name}_zero_point"],
            [.. node.Attribute.Where(a => a.Name == "num_heads")]);
        attention.Output[0] = node.Output[0];
        yield return attention;
    }

    /// <summary>
    /// Adds the int8 form of a [rows, columns] float weight: symmetric (absmax / 127, zero point 0), with one scale per
    /// output column or one for the tensor; returns the prefix the three initializers share.
    /// </summary>
    private static string QuantizeWeight(TensorProto weight, bool perColumn, GraphProto graph)
    {
        var (rows, columns) = ((int)weight.Dims[0], (int)weight.Dims[1]);
        var values = Floats(weight);
        var scales = new float[perColumn ? columns : 1];
        for (var i = 0; i < values.Length; i++)
        {
            var slot = perColumn ? i % columns : 0;
            scales[slot] = Math.Max(scales[slot], Math.Abs(values[i]));
        }
        for (var i = 0; i < scales.Length; i++) scales[i] = scales[i] == 0 ? 1f : scales[i] / 127f;
        var q = new sbyte[values.Length];
        for (var i = 0; i < values.Length; i++) q[i] = Round(values[i] / scales[perColumn ? i % columns : 0]);
        var name = weight.Name;
        long[] scaleDims = perColumn ? [columns] : [];
        graph.Initializer.Add(Tensor($"{name}_quantized", DataType.Int8, MemoryMarshal.AsBytes(q.AsSpan()), rows, columns));
        graph.Initializer.Add(Tensor($"{name}_scale", DataType.Float, MemoryMarshal.AsBytes(scales.AsSpan()), scaleDims));
        graph.Initializer.Add(Tensor($"{name}_zero_point", DataType.Int8, new byte[scales.Length], scaleDims));
        return name;
    }

    /// <summary>DynamicQuantizeLinear of the node's (smoothed) input: uint8 values, their scale and zero point, computed per call.</summary>
    private static (string Values, string Scale, string ZeroPoint) QuantizeInput(NodeProto node, string source, out NodeProto dynamicQuantize)
    {
        var prefix = $"{node.Name}_input";
        dynamicQuantize = new NodeProto { OpType = "DynamicQuantizeLinear", Name = $"{prefix}_quantize" };
        dynamicQuantize.Input.Add(source);
        dynamicQuantize.Output.AddRange([$"{prefix}_quantized", $"{prefix}_scale", $"{prefix}_zero_point"]);
        return ($"{prefix}_quantized", $"{prefix}_scale", $"{prefix}_zero_point");
    }

    private static NodeProto Node(string opType, string name, string domain, string[] inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name, Domain = domain };
        node.Input.AddRange(inputs);
        node.Output.Add(name);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static TensorProto Tensor(string name, DataType type, ReadOnlySpan<byte> raw, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(raw) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private static float[] Floats(TensorProto tensor) => MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();

    private static sbyte Round(float value) => (sbyte)Math.Clamp(MathF.Round(value, MidpointRounding.ToEven), -127, 127);
}
