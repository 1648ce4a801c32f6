using System.ComponentModel.DataAnnotations;

namespace Mlops.Monitoring.Shipping;

/// <summary>
/// The <c>monitoring.store</c> config group: prediction events written in batches into the tracking store
/// (<c>tracking.uri</c>: SQLite by default, PostgreSQL for a team) for <c>mlops ui</c>'s monitoring view, which needs
/// no cluster; events older than <see cref="RetentionDays"/> are deleted as new ones arrive.
/// </summary>
public sealed record StoreShippingOptions : ShippingOptions
{
    public bool Enabled { get; init; } = true;
    [Range(1, 36_500)] public int RetentionDays { get; init; } = 30;
}
