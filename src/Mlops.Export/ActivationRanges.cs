using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Mlops.Data.Batching;
using Mlops.Inference.Onnx;
using Onnx;

namespace Mlops.Export;

/// <summary>
/// Calibration for int8: the largest magnitude each channel (last axis) of chosen intermediate tensors takes over real
/// sentences, read by running the float32 graph in ONNX Runtime with those tensors added as outputs.
/// </summary>
public static class ActivationRanges
{
    public static IReadOnlyDictionary<string, float[]> Measure(ModelProto model, IReadOnlyCollection<string> tensors, IEnumerable<TokenBatch> batches,
        OnnxOptions options)
    {
        var probe = model.Clone();
        foreach (var name in tensors)
            probe.Graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
            });
        using var sessionOptions = OnnxClassifier.SessionOptions(options);
        // Fusions would swallow the tensors asked for; the ranges are those of the graph as written.
        sessionOptions.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL;
        using var session = new InferenceSession(probe.ToByteArray(), sessionOptions);
        var maxima = new Dictionary<string, float[]>();
        using var runOptions = new RunOptions();
        foreach (var batch in batches)
        {
            long[] shape = [batch.Rows, batch.Columns];
            using var ids = OrtValue.CreateTensorValueFromMemory(batch.InputIds, shape);
            using var mask = OrtValue.CreateTensorValueFromMemory(batch.AttentionMask, shape);
            using var types = batch.TokenTypeIds is null ? null : OrtValue.CreateTensorValueFromMemory(batch.TokenTypeIds, shape);
            var inputs = new Dictionary<string, OrtValue> { [OnnxContract.InputIds] = ids, [OnnxContract.AttentionMask] = mask };
            if (types is not null) inputs[OnnxContract.TokenTypeIds] = types;
            using var results = session.Run(runOptions, inputs, [.. tensors]);
            foreach (var (name, value) in tensors.Zip(results))
            {
                var data = value.GetTensorDataAsSpan<float>();
                var channels = (int)value.GetTensorTypeAndShape().Shape[^1];
                if (!maxima.TryGetValue(name, out var max)) maxima[name] = max = new float[channels];
                for (var i = 0; i < data.Length; i++) max[i % channels] = Math.Max(max[i % channels], Math.Abs(data[i]));
            }
        }
        return maxima;
    }
}
