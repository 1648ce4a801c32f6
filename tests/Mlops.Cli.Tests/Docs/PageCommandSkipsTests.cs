namespace Mlops.Cli.Tests.Docs;

/// <summary>Each skip rule skips what it is for and no more: the commands a reader's folder can run are left to run.</summary>
public sealed class PageCommandSkipsTests
{
    public static TheoryData<int> Rules => [.. Enumerable.Range(0, PageCommandSkips.Rules.Count)];

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_rule_skips_its_example_and_no_earlier_rule_does(int index)
    {
        var rule = PageCommandSkips.Rules[index];

        Assert.Same(rule, PageCommandSkips.Matching(rule.Example));
    }

    [Theory]
    [InlineData("mlops config show model=minilm training.lr=3e-5")]
    [InlineData("mlops train training=fast ~training.limit_val_batches")]
    [InlineData("mlops train --config-from outputs/2026-11-25/12-13-58")]
    [InlineData("mlops export --out serving-model --quantize int8")]
    [InlineData("mlops predict --model serving-model \"The cat sat on the mat.\"")]
    [InlineData("mlops runs list --filter \"val_mcc > 0.3 and model.shape = minilm\"")]
    [InlineData("mlops data add models && git add models.dvc .gitignore && git commit -m \"model v1\"")]
    [InlineData("mlops data remote add --default s3 s3://bucket/dvc-store")]
    public void A_command_the_readers_folder_can_run_is_run(string command) => Assert.Null(PageCommandSkips.Matching(command));

    [Fact]
    public void A_long_training_is_skipped_only_in_its_own_part_of_a_line()
    {
        Assert.NotNull(PageCommandSkips.Matching("mlops config show && mlops train model=minilm"));
        Assert.Null(PageCommandSkips.Matching("mlops train training=fast && mlops config show"));
    }
}
