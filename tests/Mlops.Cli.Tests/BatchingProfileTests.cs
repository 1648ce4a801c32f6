using Mlops.Bench.Benchmarks;

namespace Mlops.Cli.Tests;

/// <summary>The serve benchmark's account of where the time went, from two /metrics scrapes.</summary>
public sealed class BatchingProfileTests
{
    private static string Exposition(double batches, double texts, double waitSeconds, double modelSeconds) => $"""
        # HELP mlops_batch_size Texts per ONNX Runtime call made by the batcher.
        # TYPE mlops_batch_size histogram
        mlops_batch_size_sum {texts}
        mlops_batch_size_count {batches}
        mlops_batch_size_bucket{"{"}le="1"{"}"} 3
        mlops_queue_wait_seconds_sum {waitSeconds}
        mlops_queue_wait_seconds_count {texts}
        mlops_model_seconds_sum {modelSeconds}
        mlops_model_seconds_count {batches}
        mlops_queue_depth 0
        """;

    [Fact]
    public void The_profile_is_the_difference_between_two_scrapes()
    {
        var before = BatchingProfile.Totals(Exposition(batches: 10, texts: 10, waitSeconds: 0.01, modelSeconds: 0.5));
        var after = BatchingProfile.Totals(Exposition(batches: 110, texts: 410, waitSeconds: 2.01, modelSeconds: 8.5));
        var profile = BatchingProfile.Between(before, after, TimeSpan.FromSeconds(10));
        Assert.Equal(4.0, profile.MeanBatch, 6);
        Assert.Equal(5.0, profile.MeanQueueWaitMs, 6);
        Assert.Equal(80.0, profile.MeanModelMs, 6);
        Assert.Equal(0.8, profile.ModelBusyShare, 6);
    }

    [Fact]
    public void A_run_without_batches_profiles_as_zeros()
    {
        var totals = BatchingProfile.Totals("# nothing of ours\nhttp_requests_received_total 3\n");
        Assert.Equal(new BatchingProfile(0, 0, 0, 0), BatchingProfile.Between(totals, totals, TimeSpan.FromSeconds(1)));
    }
}
