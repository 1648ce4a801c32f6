using Mlops.Model.Bert;
using static TorchSharp.torch;

namespace Mlops.Model.Tests;

public class TokenTypeTests
{
    [Theory]
    [InlineData(Pooling.Mean)]
    [InlineData(Pooling.Cls)]
    public void All_zero_type_ids_give_the_single_text_logits_bit_for_bit(Pooling pooling)
    {
        manual_seed(3);
        using var model = TinyBert.Create(pooling);
        var (ids, mask) = TinyBert.Batch();
        using var single = model.forward(ids, mask);
        using var zeros = zeros_like(ids);
        using var typed = model.forward(ids, mask, zeros);
        Assert.True(TinyBert.Identical(single, typed));
    }

    [Fact]
    public void The_second_segment_reads_the_second_type_row()
    {
        manual_seed(3);
        using var model = TinyBert.Create();
        var (ids, mask) = TinyBert.Batch();
        using var types = tensor(new long[] { 0, 0, 0, 1, 1, 0, 0, 1, 0, 0 }, [2, 5]);
        using var single = model.forward(ids, mask);
        using var pair = model.forward(ids, mask, types);
        Assert.True(TinyBert.MaxAbsDiff(single, pair) > 1e-4);
        // With type row 1 made equal to row 0, the pair's logits are the single text's again: the difference was that row alone.
        var typeTable = model.named_parameters().Single(p => p.name == "bert.embeddings.token_type_embeddings.weight").parameter;
        using (no_grad()) typeTable[1].copy_(typeTable[0]);
        using var same = model.forward(ids, mask, types);
        Assert.True(TinyBert.Identical(single, same));
    }
}
