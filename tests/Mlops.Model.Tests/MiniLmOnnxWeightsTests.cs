using System.Runtime.InteropServices;
using Google.Protobuf;
using Mlops.Model.Bert;
using Mlops.Model.Weights;
using Onnx;
using static TorchSharp.torch;

namespace Mlops.Model.Tests;

/// <summary>
/// The ONNX weight reader on a small synthetic graph laid out like the Hugging Face export: named embeddings,
/// biases and LayerNorms, anonymous [in, out] MatMul weights consumed by an Add of the named bias, a Gemm pooler.
/// </summary>
public class MiniLmOnnxWeightsTests
{
    private static readonly string[] Linears =
        ["attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense", "intermediate.dense", "output.dense"];

    /// <summary>An ONNX graph holding <paramref name="model"/>'s encoder weights the way the MiniLM export stores them.</summary>
    private static MemoryStream Export(BertForSequenceClassification model, string? dropLinear = null, int? reshapeHeads = null)
    {
        var config = model.Config;
        var graph = new GraphProto { Name = "synthetic" };
        var weights = model.Encoder.state_dict();
        var anonymous = 1000;

        void Initializer(string name, Tensor value)
        {
            var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
            proto.Dims.AddRange(value.shape);
            var data = value.contiguous().data<float>().ToArray();
            proto.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(data.AsSpan()));
            graph.Initializer.Add(proto);
        }

        void Int64(string name, long value)
        {
            var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
            proto.Dims.Add(1);
            proto.Int64Data.Add(value);
            graph.Initializer.Add(proto);
        }

        NodeProto Node(string op, string[] inputs, string output)
        {
            var node = new NodeProto { OpType = op, Name = $"{op}_{graph.Node.Count}" };
            node.Input.AddRange(inputs);
            node.Output.Add(output);
            graph.Node.Add(node);
            return node;
        }

        foreach (var (name, value) in weights)
        {
            var isLinearWeight = name.StartsWith("encoder.") && name.EndsWith(".weight") && !name.Contains("LayerNorm");
            if (!isLinearWeight) Initializer(name, value);
        }
        for (var layer = 0; layer < config.NumHiddenLayers; layer++)
            foreach (var linear in Linears)
            {
                var prefix = $"encoder.layer.{layer}.{linear}";
                if (prefix == dropLinear) continue;
                var id = (anonymous++).ToString();
                Initializer(id, weights[prefix + ".weight"].t()); // [in, out]
                Node("MatMul", ["hidden", id], "mm" + id);
                Node("Add", [prefix + ".bias", "mm" + id], "add" + id);
                if (layer == 0 && linear == "attention.self.query" && reshapeHeads is { } heads)
                {
                    Int64("heads", heads);
                    Int64("head_size", config.HiddenSize / heads);
                    Node("Concat", ["batch", "sequence", "heads", "head_size"], "shape" + id);
                    Node("Reshape", ["add" + id, "shape" + id], "reshaped" + id);
                }
            }
        var gemm = Node("Gemm", ["cls", "pooler.dense.weight", "pooler.dense.bias"], "pooled");
        gemm.Attribute.Add(new AttributeProto { Name = "transB", I = 1, Type = AttributeProto.Types.AttributeType.Int });

        var onnx = new ModelProto { IrVersion = 7, Graph = graph };
        onnx.OpsetImport.Add(new OperatorSetIdProto { Version = 13 });
        return new MemoryStream(onnx.ToByteArray());
    }

    [Fact]
    public void Reads_named_tensors_as_is_and_transposes_matmul_weights_by_their_bias()
    {
        using var scope = NewDisposeScope();
        using var model = TinyBert.Create();
        using var stream = Export(model, reshapeHeads: model.Config.NumAttentionHeads);

        var weights = MiniLmOnnxWeights.Read(stream, model.Config, "synthetic");

        var expected = model.Encoder.state_dict();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), weights.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, tensor) in expected)
            Assert.True(TinyBert.Identical(tensor, weights[name]), name);
        Assert.Equal([64, 32], weights["encoder.layer.1.intermediate.dense.weight"].shape);
        Assert.Equal([32, 64], weights["encoder.layer.1.output.dense.weight"].shape);
    }

    [Fact]
    public void Read_weights_load_into_a_fresh_model_with_equal_outputs()
    {
        using var scope = NewDisposeScope();
        using var source = TinyBert.Create(Pooling.Cls);
        using var target = TinyBert.Create(Pooling.Cls);
        using var stream = Export(source);

        var report = StateDictLoader.Load(target, MiniLmOnnxWeights.Read(stream, target.Config, "synthetic"), "synthetic");

        Assert.Equal(["classifier.bias", "classifier.weight"], report.Initialized.Order(StringComparer.Ordinal));
        var (ids, mask) = TinyBert.Batch();
        using var noGrad = no_grad();
        var hidden = source.Encoder.forward(ids, mask);
        Assert.True(TinyBert.Identical(hidden, target.Encoder.forward(ids, mask)));
        Assert.True(TinyBert.Identical(source.Encoder.Pool(hidden), target.Encoder.Pool(hidden)));
    }

    [Fact]
    public void Missing_matmul_weight_fails_naming_it()
    {
        using var scope = NewDisposeScope();
        using var model = TinyBert.Create();
        using var stream = Export(model, dropLinear: "encoder.layer.1.attention.self.value");

        var error = Assert.Throws<ModelException>(() => MiniLmOnnxWeights.Read(stream, model.Config, "synthetic"));

        Assert.Contains("encoder.layer.1.attention.self.value.weight", error.Message);
    }

    [Fact]
    public void Graph_of_another_shape_than_minilm_fails_with_both_shapes()
    {
        using var scope = NewDisposeScope();
        using var model = TinyBert.Create();
        using var stream = Export(model);

        var error = Assert.Throws<ModelException>(() => MiniLmOnnxWeights.Read(stream));

        Assert.Contains("L2/H32", error.Message);
        Assert.Contains(BertConfig.MiniLm.Describe(), error.Message);
    }

    [Fact]
    public void Head_count_in_the_graph_is_checked()
    {
        using var scope = NewDisposeScope();
        using var model = TinyBert.Create();
        using var stream = Export(model, reshapeHeads: 4);

        var error = Assert.Throws<ModelException>(() => MiniLmOnnxWeights.Read(stream, model.Config, "synthetic"));

        Assert.Contains("A4", error.Message);
    }

    [Fact]
    public void Model_of_another_shape_is_refused_before_reading()
    {
        using var model = TinyBert.Create();

        var error = Assert.Throws<ModelException>(() => MiniLmOnnxWeights.LoadInto(model));

        Assert.Contains(BertConfig.MiniLm.Describe(), error.Message);
    }

    [Fact]
    public void Not_an_onnx_file_fails_with_a_model_exception()
    {
        using var stream = new MemoryStream([0xFF, 0xFF, 0xFF, 0xFF, 0x01]);

        Assert.Throws<ModelException>(() => MiniLmOnnxWeights.Read(stream));
    }
}
