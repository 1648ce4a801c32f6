using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using static Onnx.TensorProto.Types;

namespace Mlops.Export;

/// <summary>
/// Builds an ONNX graph node by node with the protobuf types of onnx.proto: named initializers, constants, nodes
/// with attributes, and the model wrapper with opset and metadata. Each node names its output after the node,
/// so the saved graph reads like the module tree it came from.
/// </summary>
public sealed class OnnxGraphBuilder(string graphName)
{
    private readonly GraphProto _graph = new() { Name = graphName };
    private readonly HashSet<string> _names = [];

    /// <summary>A float initializer; data is row-major in <paramref name="dims"/>.</summary>
    public string Initializer(string name, ReadOnlySpan<float> data, params long[] dims)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(data)) };
        tensor.Dims.AddRange(dims);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>An initializer of any element type from its raw little-endian bytes.</summary>
    public string Initializer(string name, DataType type, ReadOnlySpan<byte> raw, params long[] dims)
    {
        var tensor = new TensorProto { Name = Unique(name), DataType = (int)type, RawData = ByteString.CopyFrom(raw) };
        tensor.Dims.AddRange(dims);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A float scalar initializer (rank 0).</summary>
    public string Scalar(string name, float value) => Initializer(name, [value]);

    /// <summary>A 1-D int64 initializer (shapes, axes, indices).</summary>
    public string Int64s(string name, params long[] values) =>
        Initializer(name, DataType.Int64, MemoryMarshal.AsBytes(values.AsSpan()), values.Length);

    /// <summary>An int64 scalar initializer (rank 0).</summary>
    public string Int64(string name, long value) => Initializer(name, DataType.Int64, MemoryMarshal.AsBytes(new[] { value }.AsSpan()));

    /// <summary>Adds a node with one output, named after the node.</summary>
    public string Node(string opType, string name, string[] inputs, params AttributeProto[] attributes) =>
        NodeWithOutputs(opType, name, inputs, 1, "", attributes)[0];

    /// <summary>Adds a node of another operator domain (e.g. ONNX Runtime's <c>com.microsoft</c>) with one output.</summary>
    public string Node(string opType, string name, string[] inputs, string domain, params AttributeProto[] attributes) =>
        NodeWithOutputs(opType, name, inputs, 1, domain, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputs"/> outputs, named <c>name</c>, <c>name:1</c>, ...</summary>
    public IReadOnlyList<string> NodeWithOutputs(string opType, string name, string[] inputs, int outputs, string domain = "", params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = Unique(name), Domain = domain };
        node.Input.AddRange(inputs);
        for (var i = 0; i < outputs; i++) node.Output.Add(i == 0 ? node.Name : Unique($"{node.Name}:{i}"));
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return node.Output;
    }

    public void Input(string name, DataType type, params string[] dims) => _graph.Input.Add(Describe(Unique(name), type, dims));

    /// <summary>Declares the shape of an intermediate value where shape inference cannot derive it.</summary>
    public void ValueInfo(string name, DataType type, params string[] dims) => _graph.ValueInfo.Add(Describe(name, type, dims));

    public void Output(string name, DataType type, params string[] dims) => _graph.Output.Add(Describe(name, type, dims));

    public static AttributeProto Attribute(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Attribute(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Attribute(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>The finished model: IR version 8 (the one of opset 17), the given opsets and <c>metadata_props</c>.</summary>
    public ModelProto Build(IReadOnlyDictionary<string, int> opsets, IReadOnlyDictionary<string, string> metadata, string producerVersion)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "mlops", ProducerVersion = producerVersion, Graph = _graph };
        foreach (var (domain, version) in opsets) model.OpsetImport.Add(new OperatorSetIdProto { Domain = domain, Version = version });
        foreach (var (key, value) in metadata) model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    private static ValueInfoProto Describe(string name, DataType type, string[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
            shape.Dim.Add(long.TryParse(dim, out var size) ? new TensorShapeProto.Types.Dimension { DimValue = size } : new TensorShapeProto.Types.Dimension { DimParam = dim });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }

    private string Unique(string name)
    {
        if (!_names.Add(name)) throw new InvalidOperationException($"Graph value '{name}' is defined twice.");
        return name;
    }
}
