using Mlops.Model.Bert;
using static TorchSharp.torch;

namespace Mlops.Model.Tests;

public class PrecisionLinearTests
{
    [Fact]
    public void Bf16_matmuls_stay_close_to_fp32_and_keep_fp32_outputs_and_gradients()
    {
        manual_seed(3);
        var fp32 = TinyBert.Create(Pooling.Mean);
        var bf16 = new BertForSequenceClassification(TinyBert.Config with { MatmulPrecision = MatmulPrecision.BFloat16 }, 2, Pooling.Mean);
        bf16.load_state_dict(fp32.state_dict());
        bf16.eval();
        var (ids, mask) = TinyBert.Batch();
        using var expected = fp32.forward(ids, mask);
        using var actual = bf16.forward(ids, mask);
        Assert.Equal(ScalarType.Float32, actual.dtype);
        Assert.True(TinyBert.MaxAbsDiff(expected, actual) < 0.05, $"bf16 logits differ by {TinyBert.MaxAbsDiff(expected, actual)}");
        Assert.False(TinyBert.Identical(expected, actual), "bf16 path was not taken");

        bf16.train();
        bf16.forward(ids, mask).sum().backward();
        var query = bf16.named_parameters().First(p => p.name == "bert.encoder.layer.0.attention.self.query.weight").parameter;
        Assert.Equal(ScalarType.Float32, query.dtype);
        Assert.NotNull(query.grad);
        Assert.Equal(ScalarType.Float32, query.grad!.dtype);
    }

    [Fact]
    public async Task Precision_is_a_run_time_choice_not_saved_in_config_json()
    {
        var path = Path.GetTempFileName();
        try
        {
            await (TinyBert.Config with { MatmulPrecision = MatmulPrecision.BFloat16 }).WriteAsync(path);
            Assert.DoesNotContain("precision", File.ReadAllText(path));
            Assert.Equal(MatmulPrecision.Float32, (await BertConfig.ReadAsync(path)).MatmulPrecision);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
