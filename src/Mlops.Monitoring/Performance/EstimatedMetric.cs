namespace Mlops.Monitoring.Performance;

/// <summary>An estimated metric with its standard deviation and its 95 % band (<see cref="Lower"/> to <see cref="Upper"/>).</summary>
public sealed record EstimatedMetric(double Value, double StdDev, double Lower, double Upper)
{
    public override string ToString() => FormattableString.Invariant($"{Value:0.000} (95 % band {Lower:0.000} to {Upper:0.000})");
}
