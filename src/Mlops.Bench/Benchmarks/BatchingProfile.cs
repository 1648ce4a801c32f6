using System.Globalization;

namespace Mlops.Bench.Benchmarks;

/// <summary>
/// Where our server's time went during one load run, from the batcher's histograms on <c>/metrics</c> read before and
/// after it: the mean batch size, the mean time a text waited in the queue, the mean model time per batch, and the
/// share of the run the model was busy.
/// </summary>
public sealed record BatchingProfile(double MeanBatch, double MeanQueueWaitMs, double MeanModelMs, double ModelBusyShare)
{
    private static readonly string[] Series =
        ["mlops_batch_size_sum", "mlops_batch_size_count", "mlops_queue_wait_seconds_sum", "mlops_queue_wait_seconds_count", "mlops_model_seconds_sum", "mlops_model_seconds_count"];

    /// <summary>The histograms' sums and counts in a Prometheus text exposition (missing series read 0).</summary>
    public static IReadOnlyDictionary<string, double> Totals(string exposition)
    {
        var totals = Series.ToDictionary(s => s, _ => 0.0);
        foreach (var line in exposition.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2 && totals.ContainsKey(fields[0])) totals[fields[0]] = double.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        return totals;
    }

    public static BatchingProfile Between(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after, TimeSpan duration)
    {
        double Delta(string series) => after[series] - before[series];
        double Mean(string sum, string count) => Delta(count) > 0 ? Delta(sum) / Delta(count) : 0;
        return new BatchingProfile(
            Mean("mlops_batch_size_sum", "mlops_batch_size_count"),
            Mean("mlops_queue_wait_seconds_sum", "mlops_queue_wait_seconds_count") * 1000,
            Mean("mlops_model_seconds_sum", "mlops_model_seconds_count") * 1000,
            Delta("mlops_model_seconds_sum") / duration.TotalSeconds);
    }
}
