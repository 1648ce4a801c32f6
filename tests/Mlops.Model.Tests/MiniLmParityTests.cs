using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Mlops.Model.Bert;
using Mlops.Model.Weights;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Mlops.Model.Tests;

/// <summary>
/// The embedded all-MiniLM-L6-v2 weights loaded into the TorchSharp BERT give the same last hidden state and
/// pooler output as ONNX Runtime running the same model.onnx: proves the MatMul-to-bias mapping and transposes.
/// </summary>
public class MiniLmParityTests(ITestOutputHelper output)
{
    private static readonly string[] Sentences =
    [
        "the cat sat on the mat .",
        "hello world",
        "this is a much longer sentence about training and serving a small language model on two cores .",
        "is it ?",
    ];

    private static (long[] Ids, long[] Mask, int Length) Tokenize()
    {
        var vocab = EmbeddedMiniLm.ReadVocab().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var index = new Dictionary<string, long>();
        for (var i = 0; i < vocab.Count; i++) index.TryAdd(vocab[i], i);
        var rows = Sentences
            .Select(s => new[] { index["[CLS]"] }.Concat(s.Split(' ').Select(w => index[w])).Append(index["[SEP]"]).ToArray())
            .ToList();
        var length = rows.Max(r => r.Length);
        var ids = new long[rows.Count * length];
        var mask = new long[rows.Count * length];
        for (var r = 0; r < rows.Count; r++)
            for (var t = 0; t < rows[r].Length; t++)
            {
                ids[r * length + t] = rows[r][t];
                mask[r * length + t] = 1;
            }
        return (ids, mask, length);
    }

    [Fact]
    public void TorchSharp_with_embedded_weights_matches_onnx_runtime()
    {
        using var scope = NewDisposeScope();
        var (ids, mask, length) = Tokenize();
        var batch = Sentences.Length;
        Assert.Equal(101, ids[0]);
        Assert.Contains(0L, mask);

        var watch = Stopwatch.StartNew();
        using var model = new BertForSequenceClassification(BertConfig.MiniLm, 2, Pooling.Cls);
        var build = watch.Elapsed;
        var report = MiniLmOnnxWeights.LoadInto(model);
        output.WriteLine($"model build {build.TotalMilliseconds:F0} ms, LoadInto {(watch.Elapsed - build).TotalMilliseconds:F0} ms");
        Assert.Equal(["classifier.bias", "classifier.weight"], report.Initialized.Order(StringComparer.Ordinal));
        Assert.Equal(5 + 16 * 6 + 2, report.Loaded);
        Assert.Empty(report.Unused);
        model.eval();

        float[] torchHidden, torchPooled;
        using (no_grad())
        {
            var hidden = model.Encoder.forward(tensor(ids, [batch, length]), tensor(mask, [batch, length]));
            Assert.Equal([batch, length, 384], hidden.shape);
            torchHidden = hidden.data<float>().ToArray();
            torchPooled = model.Encoder.Pool(hidden).data<float>().ToArray();
        }

        byte[] onnx;
        using (var stream = EmbeddedMiniLm.OpenOnnx())
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            onnx = copy.ToArray();
        }
        using var session = new InferenceSession(onnx);
        var outputNames = session.OutputMetadata.Keys.ToList();
        Assert.Contains("last_hidden_state", outputNames);
        var poolerName = Assert.Single(outputNames, n => n != "last_hidden_state" && session.OutputMetadata[n].Dimensions.Length == 2);
        long[] shape = [batch, length];
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var attentionMask = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var tokenTypes = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions,
            ["input_ids", "attention_mask", "token_type_ids"], [inputIds, attentionMask, tokenTypes],
            ["last_hidden_state", poolerName]);
        var onnxHidden = results[0].GetTensorDataAsSpan<float>().ToArray();
        var onnxPooled = results[1].GetTensorDataAsSpan<float>().ToArray();
        Assert.Equal(torchHidden.Length, onnxHidden.Length);
        Assert.Equal(torchPooled.Length, onnxPooled.Length);

        double hiddenDiff = 0, pooledDiff = 0;
        for (var r = 0; r < batch; r++)
            for (var t = 0; t < length; t++)
            {
                if (mask[r * length + t] == 0) continue;
                for (var h = 0; h < 384; h++)
                {
                    var at = (r * length + t) * 384 + h;
                    hiddenDiff = Math.Max(hiddenDiff, Math.Abs(torchHidden[at] - onnxHidden[at]));
                }
            }
        for (var i = 0; i < torchPooled.Length; i++) pooledDiff = Math.Max(pooledDiff, Math.Abs(torchPooled[i] - onnxPooled[i]));
        output.WriteLine($"batch {batch}x{length}, {mask.Sum()} real tokens; pooler output '{poolerName}'");
        output.WriteLine($"max |torch - onnxruntime|: last_hidden_state {hiddenDiff:E2}, pooler {pooledDiff:E2}");

        Assert.True(hiddenDiff < 1e-4, $"last_hidden_state differs by {hiddenDiff}");
        Assert.True(pooledDiff < 1e-4, $"pooler output differs by {pooledDiff}");
        Assert.True(torchHidden.Select(Math.Abs).Max() > 0.1, "outputs should not be trivially zero");
    }

    [Fact]
    public void Reading_the_embedded_onnx_gives_every_weight_with_its_shape()
    {
        using var scope = NewDisposeScope();
        var watch = Stopwatch.StartNew();
        using (var stream = EmbeddedMiniLm.OpenOnnx())
            _ = Onnx.ModelProto.Parser.ParseFrom(stream);
        var parse = watch.Elapsed;
        watch.Restart();
        Dictionary<string, Tensor> weights;
        using (var stream = EmbeddedMiniLm.OpenOnnx())
            weights = MiniLmOnnxWeights.Read(stream);
        var read = watch.Elapsed;
        output.WriteLine($"first protobuf parse (JIT included) {parse.TotalMilliseconds:F0} ms; Read (parse + map + tensors) {read.TotalMilliseconds:F0} ms");

        Assert.Equal(5 + 16 * 6 + 2, weights.Count);
        Assert.Equal([1536, 384], weights["encoder.layer.5.intermediate.dense.weight"].shape);
        Assert.Equal([384, 384], weights["pooler.dense.weight"].shape);
    }
}
