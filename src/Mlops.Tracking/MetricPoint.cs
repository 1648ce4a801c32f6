namespace Mlops.Tracking;

/// <summary>One value of one series (<c>train_loss</c>, <c>val_mcc</c>, <c>system/rss_mb</c>) at a training step.</summary>
public readonly record struct MetricPoint(string Key, long Step, double Value, DateTimeOffset Time);
