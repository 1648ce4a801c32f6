using Mlops.Inference.Onnx;
using Mlops.Model.Bert;
using Onnx;
using static Mlops.Export.OnnxGraphBuilder;
using static Onnx.TensorProto.Types;
using static TorchSharp.torch;

namespace Mlops.Export;

/// <summary>
/// Emits a trained <see cref="BertForSequenceClassification"/> as an ONNX graph (opset 17): embeddings, encoder layers,
/// pooling and the head, from its weights; outputs the logits and the pooled sentence embedding the head reads. Nodes are laid out the way ONNX Runtime's load-time transformer fusions match
/// them (MatMul-then-bias projections, residual Add into LayerNormalization, erf GELU with Div by sqrt 2, position ids
/// from Range/Expand). Attention is emitted as ONNX Runtime's fused <c>com.microsoft.Attention</c> by default, because
/// ONNX Runtime 1.31 fuses the standard-op attention pattern only below opset 13; <see cref="AttentionLayout.Standard"/>
/// writes it in standard operators for other runtimes. docs/export.md lists what fuses in each case.
/// </summary>
public sealed class BertOnnxGraph
{
    public const int Opset = OnnxContract.MinimumOpset;

    public const string MicrosoftDomain = "com.microsoft";

    private readonly OnnxGraphBuilder g = new("mlops_text_classifier");
    private readonly Dictionary<string, Tensor> _weights;
    private readonly BertConfig _config;
    private readonly AttentionLayout _attention;

    private BertOnnxGraph(BertForSequenceClassification model, AttentionLayout attention)
    {
        _weights = model.state_dict();
        _config = model.Config;
        _attention = attention;
    }

    /// <summary>
    /// The graph of <paramref name="model"/>. With <paramref name="pairs"/> (a model of sentence pairs) it takes
    /// <see cref="OnnxContract.TokenTypeIds"/> as a third input and gathers each token's type row; a single-text graph
    /// takes two inputs and folds type row 0 into the position table.
    /// </summary>
    public static ModelProto Build(BertForSequenceClassification model, OnnxModelMetadata metadata, string producerVersion,
        AttentionLayout attention = AttentionLayout.Fused, bool pairs = false)
    {
        using var scope = NewDisposeScope();
        var graph = new BertOnnxGraph(model, attention);
        var g = graph.g;
        g.Input(OnnxContract.InputIds, DataType.Int64, OnnxContract.BatchAxis, OnnxContract.SequenceAxis);
        g.Input(OnnxContract.AttentionMask, DataType.Int64, OnnxContract.BatchAxis, OnnxContract.SequenceAxis);
        if (pairs) g.Input(OnnxContract.TokenTypeIds, DataType.Int64, OnnxContract.BatchAxis, OnnxContract.SequenceAxis);
        var hidden = pairs ? graph.PairEmbeddings() : graph.Embeddings();
        var mask = attention == AttentionLayout.Fused ? graph.MaskIndex() : graph.MaskBias();
        for (var layer = 0; layer < model.Config.NumHiddenLayers; layer++)
            hidden = graph.EncoderLayer($"bert.encoder.layer.{layer}", hidden, mask);
        var pooled = model.PoolingMode == Pooling.Mean ? graph.MeanPool(hidden, OnnxContract.SentenceEmbedding) : graph.ClsPool(hidden, OnnxContract.SentenceEmbedding);
        var logits = graph.Linear("classifier", pooled, OnnxContract.Logits);
        g.Output(logits, DataType.Float, OnnxContract.BatchAxis, model.NumLabels.ToString(System.Globalization.CultureInfo.InvariantCulture));
        g.Output(pooled, DataType.Float, OnnxContract.BatchAxis, model.Config.HiddenSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var opsets = new Dictionary<string, int> { [""] = Opset };
        if (attention == AttentionLayout.Fused) opsets[MicrosoftDomain] = 1;
        return g.Build(opsets, metadata.ToProperties(), producerVersion);
    }

    private string Weight(string key) => g.Initializer(key, Floats(_weights[key]), _weights[key].shape);

    /// <summary>MatMul by the transposed weight (a Linear's is [out, in], MatMul wants [in, out]), then Add of the bias.</summary>
    private string Linear(string prefix, string input, string? outputName = null)
    {
        using var transposed = _weights[prefix + ".weight"].t().contiguous();
        var weight = g.Initializer(prefix + ".weight", Floats(transposed), transposed.shape);
        var product = g.Node("MatMul", prefix + "/MatMul", [input, weight]);
        return g.Node("Add", outputName ?? prefix + "/Add", [product, Weight(prefix + ".bias")]);
    }

    private string LayerNorm(string prefix, string input) =>
        g.Node("LayerNormalization", prefix, [input, Weight(prefix + ".weight"), Weight(prefix + ".bias")],
            Attribute("axis", -1L), Attribute("epsilon", (float)_config.LayerNormEps));

    private const string EmbeddingsPrefix = "bert.embeddings";

    /// <summary>
    /// Word rows gathered by id plus position rows gathered by position id, then LayerNorm. Every token has type 0, so
    /// type row 0 is folded into the position table: the two-Gather form ONNX Runtime fuses into EmbedLayerNormalization.
    /// </summary>
    private string Embeddings()
    {
        const string prefix = EmbeddingsPrefix;
        using var positionTable = _weights[$"{prefix}.position_embeddings.weight"] + _weights[$"{prefix}.token_type_embeddings.weight"][0];
        var words = WordRows();
        var positionIds = PositionIds();
        var table = g.Initializer($"{prefix}.position_embeddings.weight+token_type_embeddings.weight[0]", Floats(positionTable), positionTable.shape);
        var positions = g.Node("Gather", $"{prefix}.position_embeddings/Gather", [table, positionIds], Attribute("axis", 0L));
        var sum = g.Node("Add", $"{prefix}/Add", [words, positions]);
        return LayerNorm($"{prefix}.LayerNorm", sum);
    }

    /// <summary>
    /// For sentence pairs: word rows plus position rows plus the type row gathered by <see cref="OnnxContract.TokenTypeIds"/>
    /// (the three-Gather form of ONNX Runtime's EmbedLayerNormalization, segment ids included), then LayerNorm.
    /// </summary>
    private string PairEmbeddings()
    {
        const string prefix = EmbeddingsPrefix;
        var words = WordRows();
        var positionIds = PositionIds();
        var positions = g.Node("Gather", $"{prefix}.position_embeddings/Gather", [Weight($"{prefix}.position_embeddings.weight"), positionIds],
            Attribute("axis", 0L));
        var sum = g.Node("Add", $"{prefix}/Add", [words, positions]);
        var types = g.Node("Gather", $"{prefix}.token_type_embeddings/Gather",
            [Weight($"{prefix}.token_type_embeddings.weight"), OnnxContract.TokenTypeIds], Attribute("axis", 0L));
        sum = g.Node("Add", $"{prefix}/Add_1", [sum, types]);
        return LayerNorm($"{prefix}.LayerNorm", sum);
    }

    private string WordRows() =>
        g.Node("Gather", $"{EmbeddingsPrefix}.word_embeddings/Gather", [Weight($"{EmbeddingsPrefix}.word_embeddings.weight"), OnnxContract.InputIds],
            Attribute("axis", 0L));

    /// <summary>Each token's position, [batch, sequence], from <c>Shape -> Gather -> Range -> Unsqueeze -> Expand</c> of the input ids.</summary>
    private string PositionIds()
    {
        const string prefix = EmbeddingsPrefix;
        var shape = g.Node("Shape", $"{prefix}/Shape", [OnnxContract.InputIds]);
        var sequence = g.Node("Gather", $"{prefix}/sequence_length", [shape, g.Int64($"{prefix}/one_index", 1)], Attribute("axis", 0L));
        var range = g.Node("Range", $"{prefix}/Range", [g.Int64($"{prefix}/start", 0), sequence, g.Int64($"{prefix}/step", 1)]);
        var row = g.Node("Unsqueeze", $"{prefix}/Unsqueeze", [range, g.Int64s($"{prefix}/axes0", 0)]);
        var positionIds = g.Node("Expand", $"{prefix}/position_ids", [row, shape]);
        g.ValueInfo(positionIds, DataType.Int64, OnnxContract.BatchAxis, OnnxContract.SequenceAxis);
        return positionIds;
    }

    /// <summary>The attention mask as <c>com.microsoft.Attention</c> takes it: int32 [batch, sequence], 1 for real tokens.</summary>
    private string MaskIndex() =>
        g.Node("Cast", "bert/mask/Cast", [OnnxContract.AttentionMask], Attribute("to", (long)DataType.Int32));

    /// <summary>0 for real tokens and -10000 for padding, [batch, 1, 1, sequence], added to every head's scores.</summary>
    private string MaskBias()
    {
        const string prefix = "bert/mask";
        var mask = g.Node("Unsqueeze", $"{prefix}/Unsqueeze", [OnnxContract.AttentionMask, g.Int64s($"{prefix}/axes1", 1)]);
        mask = g.Node("Unsqueeze", $"{prefix}/Unsqueeze_1", [mask, g.Int64s($"{prefix}/axes2", 2)]);
        mask = g.Node("Cast", $"{prefix}/Cast", [mask], Attribute("to", (long)DataType.Float));
        var inverted = g.Node("Sub", $"{prefix}/Sub", [g.Scalar($"{prefix}/one", 1f), mask]);
        return g.Node("Mul", $"{prefix}/Mul", [inverted, g.Scalar($"{prefix}/min", -10000f)]);
    }

    private string EncoderLayer(string prefix, string input, string mask)
    {
        var context = _attention == AttentionLayout.Fused ? FusedSelfAttention(prefix, input, mask) : SelfAttention(prefix, input, mask);
        var attended = Linear($"{prefix}.attention.output.dense", context);
        attended = g.Node("Add", $"{prefix}.attention.output/Add", [attended, input]);
        attended = LayerNorm($"{prefix}.attention.output.LayerNorm", attended);

        var intermediate = Linear($"{prefix}.intermediate.dense", attended);
        var activated = Gelu($"{prefix}.intermediate/gelu", intermediate);
        var output = Linear($"{prefix}.output.dense", activated);
        output = g.Node("Add", $"{prefix}.output/Add", [output, attended]);
        return LayerNorm($"{prefix}.output.LayerNorm", output);
    }

    /// <summary>
    /// Query, key and value projections in one [hidden, 3 x hidden] weight, scaled dot products, the mask and the
    /// softmax in ONNX Runtime's <c>Attention</c> operator: what its AttentionFusion makes of the standard pattern.
    /// </summary>
    private string FusedSelfAttention(string prefix, string input, string maskIndex)
    {
        var self = $"{prefix}.attention.self";
        using var weight = cat([.. new[] { "query", "key", "value" }.Select(p => _weights[$"{self}.{p}.weight"].t())], 1).contiguous();
        using var bias = cat([.. new[] { "query", "key", "value" }.Select(p => _weights[$"{self}.{p}.bias"])], 0).contiguous();
        return g.Node("Attention", $"{self}/Attention",
            [input, g.Initializer($"{self}.qkv.weight", Floats(weight), weight.shape), g.Initializer($"{self}.qkv.bias", Floats(bias), bias.shape), maskIndex],
            MicrosoftDomain, Attribute("num_heads", (long)_config.NumAttentionHeads), Attribute("mask_filter_value", -10000f));
    }

    /// <summary>Self-attention in standard operators, in the node order of PyTorch's export of Hugging Face BERT.</summary>
    private string SelfAttention(string prefix, string input, string maskBias)
    {
        var heads = _config.NumAttentionHeads;
        var headSize = _config.HiddenSize / heads;
        var splitShape = g.Int64s($"{prefix}/heads_shape", 0, 0, heads, headSize);
        string Heads(string name, long[] perm)
        {
            var projected = Linear($"{prefix}.attention.self.{name}", input);
            var split = g.Node("Reshape", $"{prefix}.attention.self.{name}/Reshape", [projected, splitShape]);
            return g.Node("Transpose", $"{prefix}.attention.self.{name}/Transpose", [split], Attribute("perm", perm));
        }
        var query = Heads("query", [0, 2, 1, 3]);
        var key = Heads("key", [0, 2, 3, 1]);
        var value = Heads("value", [0, 2, 1, 3]);
        var self = $"{prefix}.attention.self";
        var scores = g.Node("MatMul", $"{self}/MatMul", [query, key]);
        scores = g.Node("Div", $"{self}/Div", [scores, g.Scalar($"{self}/sqrt_head_size", MathF.Sqrt(headSize))]);
        scores = g.Node("Add", $"{self}/Add", [scores, maskBias]);
        var probabilities = g.Node("Softmax", $"{self}/Softmax", [scores], Attribute("axis", 3L));
        var context = g.Node("MatMul", $"{self}/MatMul_1", [probabilities, value]);
        context = g.Node("Transpose", $"{self}/Transpose", [context], Attribute("perm", 0L, 2, 1, 3));
        return g.Node("Reshape", $"{self}/Reshape", [context, g.Int64s($"{self}/merge_shape", 0, 0, _config.HiddenSize)]);
    }

    /// <summary>Exact GELU, x * 0.5 * (1 + erf(x / sqrt 2)), in the node order of PyTorch's export.</summary>
    private string Gelu(string prefix, string x)
    {
        var scaled = g.Node("Div", $"{prefix}/Div", [x, g.Scalar($"{prefix}/sqrt2", MathF.Sqrt(2f))]);
        var erf = g.Node("Erf", $"{prefix}/Erf", [scaled]);
        var shifted = g.Node("Add", $"{prefix}/Add", [erf, g.Scalar($"{prefix}/one", 1f)]);
        var product = g.Node("Mul", $"{prefix}/Mul", [x, shifted]);
        return g.Node("Mul", $"{prefix}/Mul_1", [product, g.Scalar($"{prefix}/half", 0.5f)]);
    }

    /// <summary>BERT's pooler: tanh of a dense layer over the [CLS] state, as the value <paramref name="outputName"/>.</summary>
    private string ClsPool(string hidden, string outputName)
    {
        var cls = g.Node("Gather", "bert.pooler/Gather", [hidden, g.Int64("bert.pooler/first", 0)], Attribute("axis", 1L));
        return g.Node("Tanh", outputName, [Linear("bert.pooler.dense", cls)]);
    }

    /// <summary>Mean of the real tokens' states, sum(hidden x mask) / max(sum(mask), 1e-9), as the value <paramref name="outputName"/>.</summary>
    private string MeanPool(string hidden, string outputName)
    {
        const string prefix = "pooling/mean";
        var mask = g.Node("Cast", $"{prefix}/Cast", [OnnxContract.AttentionMask], Attribute("to", (long)DataType.Float));
        mask = g.Node("Unsqueeze", $"{prefix}/Unsqueeze", [mask, g.Int64s($"{prefix}/axes2", 2)]);
        var axes = g.Int64s($"{prefix}/axes1", 1);
        var masked = g.Node("Mul", $"{prefix}/Mul", [hidden, mask]);
        var sum = g.Node("ReduceSum", $"{prefix}/ReduceSum", [masked, axes], Attribute("keepdims", 0L));
        var count = g.Node("ReduceSum", $"{prefix}/ReduceSum_1", [mask, axes], Attribute("keepdims", 0L));
        count = g.Node("Max", $"{prefix}/Max", [count, g.Scalar($"{prefix}/epsilon", 1e-9f)]);
        return g.Node("Div", outputName, [sum, count]);
    }

    private static float[] Floats(Tensor tensor) => tensor.contiguous().data<float>().ToArray();
}
