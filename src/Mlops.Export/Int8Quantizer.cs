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
/// </summary>
public static class Int8Quantizer
{
    public static ModelProto Quantize(ModelProto model)
    {
        var quantized = model.Clone();
        var graph = quantized.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        var replaced = new HashSet<string>();
        var nodes = new List<NodeProto>();
        foreach (var node in graph.Node)
        {
            if (node.OpType == "MatMul" && node.Domain == "" && initializers.TryGetValue(node.Input[1], out var weight) && weight.Dims.Count == 2)
            {
                replaced.Add(weight.Name);
                nodes.AddRange(QuantizedMatMul(node, weight, graph));
            }
            else if (node.OpType == "Attention" && node.Domain == BertOnnxGraph.MicrosoftDomain && initializers.TryGetValue(node.Input[1], out var qkv))
            {
                replaced.Add(qkv.Name);
                nodes.AddRange(QuantizedAttention(node, qkv, graph));
            }
            else nodes.Add(node);
        }
        graph.Node.Clear();
        graph.Node.AddRange(nodes);
        foreach (var name in replaced) graph.Initializer.Remove(initializers[name]);
        foreach (var entry in quantized.MetadataProps.Where(p => p.Key == OnnxModelMetadata.QuantizationKey)) entry.Value = "int8";
        return quantized;
    }

    private static IEnumerable<NodeProto> QuantizedMatMul(NodeProto node, TensorProto weight, GraphProto graph)
    {
        var (rows, columns) = ((int)weight.Dims[0], (int)weight.Dims[1]);
        var values = Floats(weight);
        var scales = new float[columns];
        for (var c = 0; c < columns; c++)
        {
            var max = 0f;
            for (var r = 0; r < rows; r++) max = Math.Max(max, Math.Abs(values[r * columns + c]));
            scales[c] = max == 0 ? 1f : max / 127f;
        }
        var q = new sbyte[values.Length];
        for (var i = 0; i < values.Length; i++) q[i] = Round(values[i] / scales[i % columns]);
        var name = weight.Name;
        graph.Initializer.Add(Tensor($"{name}_quantized", DataType.Int8, MemoryMarshal.AsBytes(q.AsSpan()), rows, columns));
        graph.Initializer.Add(Tensor($"{name}_scale", DataType.Float, MemoryMarshal.AsBytes(scales.AsSpan()), columns));
        graph.Initializer.Add(Tensor($"{name}_zero_point", DataType.Int8, new byte[columns], columns));

        var input = QuantizeInput(node, out var dynamicQuantize);
        yield return dynamicQuantize;
        yield return Node("MatMulInteger", $"{node.Name}_quant", "", [input.Values, $"{name}_quantized", input.ZeroPoint, $"{name}_zero_point"]);
        yield return Node("Cast", $"{node.Name}_quant_cast", "", [$"{node.Name}_quant"], new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)DataType.Float });
        // x_scale first: ONNX Runtime's DynamicQuantizeMatMul fusion reads the weight scale from the second operand.
        yield return Node("Mul", $"{node.Name}_quant_scales", "", [input.Scale, $"{name}_scale"]);
        var output = Node("Mul", $"{node.Name}_quant_output", "", [$"{node.Name}_quant_cast", $"{node.Name}_quant_scales"]);
        output.Output[0] = node.Output[0];
        yield return output;
    }

    private static IEnumerable<NodeProto> QuantizedAttention(NodeProto node, TensorProto weight, GraphProto graph)
    {
        var values = Floats(weight);
        var max = values.Max(Math.Abs);
        var scale = max == 0 ? 1f : max / 127f;
        var q = values.Select(v => Round(v / scale)).ToArray();
        var name = weight.Name;
        graph.Initializer.Add(Tensor($"{name}_quantized", DataType.Int8, MemoryMarshal.AsBytes(q.AsSpan()), [.. weight.Dims]));
        graph.Initializer.Add(Tensor($"{name}_scale", DataType.Float, MemoryMarshal.AsBytes(new[] { scale }.AsSpan())));
        graph.Initializer.Add(Tensor($"{name}_zero_point", DataType.Int8, new byte[1]));

        var input = QuantizeInput(node, out var dynamicQuantize);
        yield return dynamicQuantize;
        // QAttention(input, weight, bias, input_scale, weight_scale, mask_index, input_zero_point, weight_zero_point)
        var attention = Node("QAttention", $"{node.Name}_quant", BertOnnxGraph.MicrosoftDomain,
            [input.Values, $"{name}_quantized", node.Input[2], input.Scale, $"{name}_scale", node.Input[3], input.ZeroPoint, $"{name}_zero_point"],
            [.. node.Attribute.Where(a => a.Name == "num_heads")]);
        attention.Output[0] = node.Output[0];
        yield return attention;
    }

    /// <summary>DynamicQuantizeLinear of the node's first input: uint8 values, their scale and zero point, computed per call.</summary>
    private static (string Values, string Scale, string ZeroPoint) QuantizeInput(NodeProto node, out NodeProto dynamicQuantize)
    {
        var prefix = $"{node.Name}_input";
        dynamicQuantize = new NodeProto { OpType = "DynamicQuantizeLinear", Name = $"{prefix}_quantize" };
        dynamicQuantize.Input.Add(node.Input[0]);
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
